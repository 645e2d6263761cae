using Marten;
using Platform.Api.Commerce;
using Platform.Contracts.Payouts;
using Platform.Projections.Ledger;
using Wolverine;

namespace Platform.Api.Ledger;

/// <summary>Pays creators what is owed to them and out of the refund window (PAYO); a scheduled run schedules the next.</summary>
public sealed record RunPayouts(bool Scheduled) : Audit.IAuditedAs
{
    public string? AuditedAs => Scheduled ? Audit.AuditContext.Schedule("payouts") : null;
}

/// <summary>Marks that the recurring schedules (payouts, reconciliation) were started, so several nodes start them once.</summary>
public sealed record SchedulesStarted(string Id, DateTimeOffset StartedAt);

/// <summary>The <c>Payouts</c> configuration section.</summary>
public sealed class PayoutOptions
{
    /// <summary>How often payouts run with the local provider (Stripe pays connected accounts on its own schedule).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Sales younger than this are pending: refunds are most likely then.</summary>
    public TimeSpan HoldPeriod { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Pure: what one creator is paid now, in one currency, from the ledger lines no payout has covered yet.</summary>
public static class PayoutDecisions
{
    public static readonly string[] CreatorKinds = ["sale_share", "refund_share", "dispute_share"];

    /// <summary>Lines out of the hold period, all negative ones (taken back) whenever they came: null when the sum is not positive (carried over).</summary>
    public static PayoutCreated? Decide(Guid payoutId, Guid creatorId, string currency, IEnumerable<LedgerLine> uncovered, DateTimeOffset now, TimeSpan hold,
        string provider)
    {
        var items = uncovered
            .Where(l => l.Kind == "sale_share" ? l.At <= now - hold : true)
            .OrderBy(l => l.Position)
            .Select(l => new PayoutItem(l.Id, l.PurchaseId!.Value, l.Kind, l.Kind == "sale_share" ? l.Amount : -l.Amount))
            .ToList();
        var amount = items.Sum(i => i.Amount);
        return amount > 0 ? new PayoutCreated(payoutId, creatorId, amount, currency, items, provider, null, now) : null;
    }
}

public static class PayoutsHandler
{
    public static async Task Handle(RunPayouts message, IDocumentSession session, IPaymentProvider provider, PayoutOptions options, IMessageContext messages,
        TimeProvider clock, ILogger<RunPayouts> logger, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        // Stripe pays connected accounts itself and reports payouts by webhook; the local provider's money is paid out here.
        if (provider.Name == LocalPaymentProvider.ProviderName)
        {
            var lines = await session.Query<LedgerLine>().Where(l => l.CreatorId != null && l.Kind.IsOneOf(PayoutDecisions.CreatorKinds)).ToListAsync(cancellation);
            var covered = (await session.Query<PayoutView>().Where(p => p.Status != PayoutStatus.Failed).ToListAsync(cancellation))
                .SelectMany(p => p.Items).Select(i => i.LedgerLineId).ToHashSet();
            foreach (var group in lines.Where(l => !covered.Contains(l.Id)).GroupBy(l => (l.CreatorId!.Value, l.Currency)))
            {
                if (PayoutDecisions.Decide(Guid.CreateVersion7(), group.Key.Item1, group.Key.Currency, group, now, options.HoldPeriod, provider.Name) is not { } payout)
                    continue;
                // The embedded provider's bank transfer always arrives.
                session.Events.StartStream<PayoutView>(payout.PayoutId, payout, new PayoutPaid(payout.PayoutId, now));
                logger.LogInformation("Payout {PayoutId}: {Amount} {Currency} to {CreatorId}", payout.PayoutId, payout.Amount, payout.Currency, payout.CreatorId);
            }
        }
        if (message.Scheduled) await messages.ScheduleAsync(new RunPayouts(Scheduled: true), now + options.Interval);
    }
}

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
