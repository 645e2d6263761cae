using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;

namespace Platform.Api.Live;

/// <summary>An event as it reaches live subscribers on this node, from any node.</summary>
public sealed record LiveEvent(string Type, JsonElement Data);

/// <summary>
/// The node's feed of committed events for GraphQL subscriptions. Events arrive through PostgreSQL
/// LISTEN/NOTIFY, so an event committed on any API node reaches subscribers on every node.
/// </summary>
public sealed class LiveEvents : IDisposable
{
    public const string Channel = "platform_live";

    /// <summary>The event types subscriptions listen to; only these are broadcast (NOTIFY payloads are small).</summary>
    public static readonly IReadOnlyDictionary<string, Type> Published = new[]
    {
        typeof(Contracts.Communities.MemberJoined),
        typeof(Contracts.Communities.MemberLeft),
        typeof(Contracts.Communities.MembershipLapsed),
        typeof(Contracts.Communities.MemberBanned),
    }.ToDictionary(t => t.Name);

    private readonly Subject<LiveEvent> subject = new();

    public void Publish(LiveEvent e) => subject.OnNext(e);

    public IObservable<T> Of<T>() =>
        subject.Where(e => e.Type == typeof(T).Name).Select(e => e.Data.Deserialize<T>(JsonSerializerOptions.Web)!);

    public void Dispose() => subject.Dispose();
}
