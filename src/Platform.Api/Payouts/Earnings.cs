using Platform.Api.Commerce.Graph;
using Platform.Projections.Ledger;

namespace Platform.Api.Payouts;

public sealed record EarningsDay(DateOnly Day, Money Gross, Money Net);

public sealed record Earnings(
    Guid CreatorId, string Currency, Money Gross, Money PlatformFee, Money CreatorShare, Money Refunded, Money Disputed, Money Net, Money Pending,
    Money Available, Money PaidOut, Money InTransit, IReadOnlyList<EarningsDay> ByDay);

/// <summary>Pure: a creator's earnings in one currency from their ledger lines (EARN, CDSH). Sums only; the amounts were decided by the events.</summary>
public static class EarningsCalculator
{
    /// <param name="lines">The creator's lines in the currency, recorded up to the moment asked about.</param>
    /// <param name="covered">Ledger line ids already covered by a payout that did not fail.</param>
    public static Earnings Compute(Guid creatorId, string currency, IReadOnlyList<LedgerLine> lines, DateTimeOffset? from, DateTimeOffset? to,
        DateTimeOffset now, TimeSpan hold, IReadOnlySet<string> covered)
    {
        Money M(long amount) => new(amount, currency);
        long Sum(IEnumerable<LedgerLine> of, params string[] kinds) => of.Where(l => kinds.Contains(l.Kind)).Sum(l => l.Amount);
        var period = lines.Where(l => (from is null || l.At >= from) && (to is null || l.At < to)).ToList();
        var net = Sum(period, "sale_share") - Sum(period, "refund_share", "dispute_share");
        // Owed now: shares less what was taken back and what left in payouts (a failed payout comes back).
        var owed = Sum(lines, "sale_share", "payout_failed", "payout_returned") - Sum(lines, "refund_share", "dispute_share", "payout");
        var pending = lines.Where(l => l.Kind == "sale_share" && l.At > now - hold && !covered.Contains(l.Id)).Sum(l => l.Amount);
        var byDay = period.GroupBy(l => DateOnly.FromDateTime(l.At.UtcDateTime)).OrderBy(g => g.Key)
            .Select(g => new EarningsDay(g.Key, M(Sum(g, "sale_fee", "sale_share")), M(Sum(g, "sale_share") - Sum(g, "refund_share", "dispute_share"))))
            .ToList();
        return new Earnings(creatorId, currency,
            Gross: M(Sum(period, "sale_fee", "sale_share")), PlatformFee: M(Sum(period, "sale_fee")), CreatorShare: M(Sum(period, "sale_share")),
            Refunded: M(Sum(period, "refund_fee", "refund_share")), Disputed: M(Sum(period, "dispute_fee", "dispute_share")), Net: M(net),
            Pending: M(Math.Min(pending, Math.Max(owed, 0))), Available: M(owed - Math.Min(pending, Math.Max(owed, 0))),
            PaidOut: M(Sum(lines, "payout_paid") - Sum(lines, "payout_returned")), InTransit: M(Sum(lines, "payout") - Sum(lines, "payout_paid", "payout_failed")), byDay);
    }
}
