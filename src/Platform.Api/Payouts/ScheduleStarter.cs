using Marten;
using Platform.Api.Commerce;
using Platform.Api.Ledger;
using Wolverine;

namespace Platform.Api.Payouts;

/// <summary>Marks that the recurring schedules (payouts, reconciliation) were started, so several nodes start them once.</summary>
public sealed record SchedulesStarted(string Id, DateTimeOffset StartedAt);

/// <summary>Starts the payout and reconciliation schedules once per database, whichever node starts first.</summary>
public sealed class ScheduleStarter(IDocumentStore store, IServiceScopeFactory scopes, PayoutOptions options, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<SchedulesStarted>("schedules", cancellationToken) is not null) return;
        session.Insert(new SchedulesStarted("schedules", clock.GetUtcNow()));
        try { await session.SaveChangesAsync(cancellationToken); }
        catch (Exception e) when (ProviderEventInboxHandler.IsDuplicate(e)) { return; }
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageContext>();
        await bus.ScheduleAsync(new RunPayouts(Scheduled: true), clock.GetUtcNow() + options.Interval);
        await bus.ScheduleAsync(new RunReconciliation(Scheduled: true), new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddMinutes(30));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
