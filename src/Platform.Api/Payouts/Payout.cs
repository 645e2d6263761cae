using Platform.Contracts.Payouts;
using Platform.Projections.Ledger;

namespace Platform.Api.Payouts;

/// <summary>The payout stream's pure rule: what one creator is paid now, in one currency, from the ledger lines no payout has covered yet.</summary>
public static class Payout
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
