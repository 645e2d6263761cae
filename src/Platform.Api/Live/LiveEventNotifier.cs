using System.Text.Json;
using Marten;
using Marten.Services;

namespace Platform.Api.Live;

/// <summary>
/// Queues a pg_notify for each published event in the same transaction as its append: NOTIFY is
/// delivered only on commit, so subscribers never see an event that was rolled back.
/// </summary>
public sealed class LiveEventNotifier : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        {
            if (!LiveEvents.Published.TryGetValue(e.Data.GetType(), out var onTheWire)) continue;
            var live = onTheWire(e.Data);
            var payload = JsonSerializer.Serialize(new { type = live.GetType().Name, data = live }, JsonSerializerOptions.Web);
            session.QueueSqlCommand("select pg_notify(?, ?)", LiveEvents.Channel, payload);
        }
        return Task.CompletedTask;
    }
}
