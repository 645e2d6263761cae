using Marten;
using Platform.Api.Commerce;
using Platform.Contracts.Payouts;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;
using Wolverine;
using Wolverine.Attributes;

namespace Platform.Api.Payouts;

/// <summary>Pays creators what is owed to them and out of the refund window (PAYO); a scheduled run schedules the next.</summary>
// Its old name: schedules stored before the move still arrive.
[MessageIdentity("Platform.Api.Ledger.RunPayouts")]
public sealed record RunPayouts(bool Scheduled) : Audit.IAuditedAs
{
    public string? AuditedAs => Scheduled ? Audit.AuditContext.Schedule("payouts") : null;
}

public static class RunPayoutsHandler
{
    public static async Task Handle(RunPayouts message, IDocumentSession session, IPaymentProvider provider, PayoutOptions options, IMessageContext messages,
        TimeProvider clock, ILogger<RunPayouts> logger, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        // Stripe pays connected accounts itself and reports payouts by webhook; the local provider's money is paid out here.
        if (provider.Name == LocalPaymentProvider.ProviderName)
        {
            var lines = await session.Query<LedgerLine>().Where(l => l.CreatorId != null && l.Kind.IsOneOf(Payout.CreatorKinds)).ToListAsync(cancellation);
            var covered = (await session.Query<PayoutView>().Where(p => p.Status != PayoutStatus.Failed).ToListAsync(cancellation))
                .SelectMany(p => p.Items).Select(i => i.LedgerLineId).ToHashSet();
            foreach (var group in lines.Where(l => !covered.Contains(l.Id)).GroupBy(l => (l.CreatorId!.Value, l.Currency)))
            {
                if (Payout.Decide(Guid.CreateVersion7(), group.Key.Item1, group.Key.Currency, group, now, options.HoldPeriod, provider.Name) is not { } decided)
                    continue;
                var payout = decided with { ProviderPayoutId = LocalStripeEvents.PayoutId(decided.PayoutId) };
                // The embedded provider's bank transfer always arrives.
                session.Events.StartStream<PayoutView>(payout.PayoutId, payout, new PayoutPaid(payout.PayoutId, now));
                LocalPaymentProvider.BookPayout(session, payout, now);
                logger.LogInformation("Payout {PayoutId}: {Amount} {Currency} to {CreatorId}", payout.PayoutId, payout.Amount, payout.Currency, payout.CreatorId);
            }
        }
        if (message.Scheduled) await messages.ScheduleAsync(new RunPayouts(Scheduled: true), now + options.Interval);
    }
}
