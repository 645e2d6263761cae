using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;

namespace Platform.Api.Live;

/// <summary>An event as it reaches live subscribers on this node, from any node.</summary>
public sealed record LiveEvent(string Type, JsonElement Data);

/// <summary>A post was made: its ids only (a post's body can exceed a NOTIFY payload).</summary>
public sealed record PostAdded(Guid PostId, Guid CommunityId)
{
    public static PostAdded From(Contracts.Social.PostCreated e) => new(e.PostId, e.CommunityId);
}

/// <summary>
/// The node's feed of committed events for GraphQL subscriptions. Events arrive through PostgreSQL
/// LISTEN/NOTIFY, so an event committed on any API node reaches subscribers on every node.
/// </summary>
public sealed class LiveEvents : IDisposable
{
    public const string Channel = Contracts.LiveChannel.Name;

    /// <summary>
    /// The event types subscriptions listen to, and what goes on the wire for each: only these are broadcast. NOTIFY
    /// payloads are capped at 8000 bytes, so an event that can be large goes as its ids and subscribers load the rest.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, Func<object, object>> Published = new Dictionary<Type, Func<object, object>>
    {
        [typeof(Contracts.Communities.MemberJoined)] = e => e,
        [typeof(Contracts.Communities.MemberLeft)] = e => e,
        [typeof(Contracts.Communities.MembershipLapsed)] = e => e,
        [typeof(Contracts.Communities.MemberBanned)] = e => e,
        [typeof(Contracts.Social.PostCreated)] = e => PostAdded.From((Contracts.Social.PostCreated)e),
        [typeof(Contracts.Chat.MessageSent)] = e => Chat.MessageAdded.From((Contracts.Chat.MessageSent)e),
        [typeof(Contracts.Moderation.ContentReported)] = e => Moderation.ReportAdded.From((Contracts.Moderation.ContentReported)e),
    };

    private readonly Subject<LiveEvent> subject = new();

    public void Publish(LiveEvent e) => subject.OnNext(e);

    public IObservable<T> Of<T>() =>
        subject.Where(e => e.Type == typeof(T).Name).Select(e => e.Data.Deserialize<T>(JsonSerializerOptions.Web)!);

    public void Dispose() => subject.Dispose();
}
