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
            if (!LiveEvents.Published.ContainsKey(e.Data.GetType().Name)) continue;
            var payload = JsonSerializer.Serialize(new { type = e.Data.GetType().Name, data = e.Data }, JsonSerializerOptions.Web);
            session.QueueSqlCommand("select pg_notify(?, ?)", LiveEvents.Channel, payload);
        }
        return Task.CompletedTask;
    }
}
