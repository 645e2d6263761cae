using Marten;
using Platform.Api.Commerce;
using Platform.Api.Ledger;
using Wolverine;

namespace Platform.Api.Payouts;

/// <summary>Marks that recurring schedules (payouts and reconciliation: "schedules"; "digests") were started, so several nodes start them once.</summary>
public sealed record SchedulesStarted(string Id, DateTimeOffset StartedAt)
{
    /// <summary>True for the one node, of all that start, that records the schedule <paramref name="id"/> first: it starts it.</summary>
    public static async Task<bool> FirstToStart(IDocumentStore store, string id, TimeProvider clock, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<SchedulesStarted>(id, cancellation) is not null) return false;
        session.Insert(new SchedulesStarted(id, clock.GetUtcNow()));
        try { await session.SaveChangesAsync(cancellation); }
        catch (Exception e) when (ProviderEventInboxHandler.IsDuplicate(e)) { return false; }
        return true;
    }
}

/// <summary>Starts the payout and reconciliation schedules once per database, whichever node starts first.</summary>
public sealed class ScheduleStarter(IDocumentStore store, IServiceScopeFactory scopes, PayoutOptions options, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await SchedulesStarted.FirstToStart(store, "schedules", clock, cancellationToken)) return;
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageContext>();
        await bus.ScheduleAsync(new RunPayouts(Scheduled: true), clock.GetUtcNow() + options.Interval);
        await bus.ScheduleAsync(new RunReconciliation(Scheduled: true), new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddMinutes(30));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
