using JasperFx.Events;
using Marten;
using Marten.Services;
using Wolverine;

namespace Platform.Api.Audit;

/// <summary>
/// A message that acts on its own authority, not its sender's: a provider's event (<c>webhook:&lt;event id&gt;</c>) or a
/// schedule firing (<c>schedule:&lt;name&gt;</c>). The events its handler appends record this as their actor and source;
/// null leaves them to the sender.
/// </summary>
public interface IAuditedAs
{
    string? AuditedAs { get; }
}

/// <summary>
/// What the work in progress records on every event it appends, besides what Wolverine already stamps on the Marten
/// session (the caller as user_name, the correlation id, and the handled message's envelope id as causation id):
/// the <c>source</c> header (a GraphQL operation, a webhook or a schedule), and for <see cref="IAuditedAs"/> messages
/// the actor too. It flows with the async call (AsyncLocal); queued work carries the source on its envelope.
/// </summary>
public static class AuditContext
{
    public const string SourceHeader = "source";

    private static readonly AsyncLocal<(string? Actor, string? Source)> Current = new();

    public static string? Actor => Current.Value.Actor;
    public static string? Source => Current.Value.Source;

    /// <summary>From here to the end of the calling async method: events record this source (and actor, when given).</summary>
    public static void Enter(string source, string? actor = null) => Current.Value = (actor ?? Actor, source);

    /// <summary>The source of a GraphQL operation: its name, or else its root fields' names.</summary>
    public static string GraphQL(string name) => $"graphql:{name}";
    public static string Webhook(string providerEventId) => $"webhook:{providerEventId}";
    public static string Schedule(string name) => $"schedule:{name}";
}

/// <summary>The one place events get their audit metadata: just before Marten writes them.</summary>
public sealed class AuditStamp : DocumentSessionListenerBase
{
    // Marten copies the session's metadata onto the events before listeners run; the events are written after, so set them here.
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var (actor, source) = (AuditContext.Actor, AuditContext.Source);
        if (actor is null && source is null) return Task.CompletedTask;
        foreach (var @event in session.PendingChanges.Streams().SelectMany(s => s.Events))
        {
            if (actor is not null) @event.UserName = actor;
            if (source is not null && @event.GetHeader(AuditContext.SourceHeader) is null) @event.SetHeader(AuditContext.SourceHeader, source);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Outgoing messages (queued, scheduled) carry the source of the work that sent them.</summary>
public sealed class AuditEnvelopeRule : IEnvelopeRule
{
    public void Modify(Envelope envelope) => Carry(envelope);

    public void ApplyCorrelation(IMessageContext originator, Envelope outgoing) => Carry(outgoing);

    private static void Carry(Envelope outgoing)
    {
        if (AuditContext.Source is { } source) outgoing.Headers.TryAdd(AuditContext.SourceHeader, source);
    }
}

/// <summary>Wolverine middleware on every handler: a message received from a queue or schedule resumes its source; an <see cref="IAuditedAs"/> one acts as itself.</summary>
public static class AuditMiddleware
{
    public static void Before(Envelope envelope, IMessageContext context)
    {
        if (envelope.Message is IAuditedAs { AuditedAs: { } actor })
        {
            AuditContext.Enter(actor, actor);
            context.UserName = actor; // relayed to what this handler sends
        }
        else if (envelope.Headers.TryGetValue(AuditContext.SourceHeader, out var source) && source is not null)
        {
            AuditContext.Enter(source);
        }
    }
}
