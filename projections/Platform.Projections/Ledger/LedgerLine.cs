using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.Contracts.Commerce;
using Platform.Contracts.Payouts;
using Platform.Projections.Commerce;

namespace Platform.Projections.Ledger;

/// <summary>
/// One double-entry line (FLED): an amount moves from <see cref="CreditAccount"/> to <see cref="DebitAccount"/>. Every line
/// balances by itself, so per currency all debits equal all credits. Accounts: <c>provider_balance</c> (our money at the
/// payment provider), <c>platform_fee_revenue</c>, <c>provider_fees</c> (a cost), <c>creator_payable:&lt;id&gt;</c> (owed to a
/// creator), <c>payouts_in_transit:&lt;id&gt;</c>.
/// </summary>
public sealed class LedgerLine
{
    /// <summary>The source event's id and the line's index in it: a replay writes the same line again, not a second one.</summary>
    public string Id { get; set; } = "";
    /// <summary>Orders lines: the source event's sequence × 10 + the line's index.</summary>
    public long Position { get; set; }
    /// <summary>When the platform recorded the source event.</summary>
    public DateTimeOffset At { get; set; }
    public string DebitAccount { get; set; } = "";
    public string CreditAccount { get; set; } = "";
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    /// <summary>sale_fee, sale_share, refund_fee, refund_share, dispute_fee, dispute_share, provider_fee, payout, payout_paid, payout_failed.</summary>
    public string Kind { get; set; } = "";
    public Guid SourceEventId { get; set; }
    public string SourceEventType { get; set; } = "";
    public Guid? PurchaseId { get; set; }
    public Guid? PayoutId { get; set; }
    public Guid? CreatorId { get; set; }

    public static string CreatorPayable(Guid creatorId) => $"creator_payable:{creatorId}";
    public static string PayoutsInTransit(Guid creatorId) => $"payouts_in_transit:{creatorId}";
    public const string ProviderBalance = "provider_balance";
    public const string PlatformFeeRevenue = "platform_fee_revenue";
    public const string ProviderFees = "provider_fees";
}

/// <summary>
/// Writes ledger lines from the money events, with the amounts those events decided (never recomputed). Async and
/// rebuildable: replaying all events writes the same lines with the same ids.
/// </summary>
public sealed partial class LedgerProjection : EventProjection
{
    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var lines = e.Data switch
        {
            PaymentSucceeded paid => await Purchase(operations, paid.PurchaseId, cancellation) is { } p
                ? [Line("sale_fee", LedgerLine.ProviderBalance, LedgerLine.PlatformFeeRevenue, paid.PlatformFee, p),
                   Line("sale_share", LedgerLine.ProviderBalance, LedgerLine.CreatorPayable(p.CreatorId), paid.CreatorShare, p)]
                : [],
            PaymentRefunded refund => await Purchase(operations, refund.PurchaseId, cancellation) is { } p
                ? [Line("refund_fee", LedgerLine.PlatformFeeRevenue, LedgerLine.ProviderBalance, refund.PlatformFeeReversed, p),
                   Line("refund_share", LedgerLine.CreatorPayable(p.CreatorId), LedgerLine.ProviderBalance, refund.CreatorShareReversed, p)]
                : [],
            DisputeClosed { Won: false } lost => await Purchase(operations, lost.PurchaseId, cancellation) is { } p
                ? [Line("dispute_fee", LedgerLine.PlatformFeeRevenue, LedgerLine.ProviderBalance, lost.PlatformFeeReversed, p),
                   Line("dispute_share", LedgerLine.CreatorPayable(p.CreatorId), LedgerLine.ProviderBalance, lost.CreatorShareReversed, p)]
                : [],
            ProviderFeeCharged fee => await Purchase(operations, fee.PurchaseId, cancellation) is { } p
                ? [Line("provider_fee", LedgerLine.ProviderFees, LedgerLine.ProviderBalance, fee.Amount, p)]
                : [],
            PayoutCreated payout =>
                [Payout("payout", LedgerLine.CreatorPayable(payout.CreatorId), LedgerLine.PayoutsInTransit(payout.CreatorId), payout.Amount, payout)],
            PayoutPaid paid => await Payout(operations, paid.PayoutId, cancellation) is { } p
                ? [Payout("payout_paid", LedgerLine.PayoutsInTransit(p.CreatorId), LedgerLine.ProviderBalance, p.Amount, p)]
                : [],
            PayoutFailed failed => await Payout(operations, failed.PayoutId, cancellation) is { } p
                ? [Payout("payout_failed", LedgerLine.PayoutsInTransit(p.CreatorId), LedgerLine.CreatorPayable(p.CreatorId), p.Amount, p)]
                : [],
            _ => Array.Empty<LedgerLine>(),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Amount == 0) continue; // a zero split part moves nothing
            lines[i].Id = $"{e.Id}:{i}";
            lines[i].Position = e.Sequence * 10 + i;
            lines[i].At = e.Timestamp;
            lines[i].SourceEventId = e.Id;
            lines[i].SourceEventType = e.EventTypeName;
            operations.Store(lines[i]);
        }
    }

    private static LedgerLine Line(string kind, string debit, string credit, long amount, PurchaseView purchase) => new()
    {
        Kind = kind, DebitAccount = debit, CreditAccount = credit, Amount = amount, Currency = purchase.Currency, PurchaseId = purchase.Id,
        CreatorId = purchase.CreatorId,
    };

    private static LedgerLine Payout(string kind, string debit, string credit, long amount, PayoutCreated payout) => new()
    {
        Kind = kind, DebitAccount = debit, CreditAccount = credit, Amount = amount, Currency = payout.Currency, PayoutId = payout.PayoutId,
        CreatorId = payout.CreatorId,
    };

    // The purchase's creator and currency never change, so the current read model answers for any point in the replay.
    private static Task<PurchaseView?> Purchase(IDocumentOperations operations, Guid id, CancellationToken cancellation) =>
        operations.LoadAsync<PurchaseView>(id, cancellation);

    private static async Task<PayoutCreated?> Payout(IDocumentOperations operations, Guid payoutId, CancellationToken cancellation) =>
        (await operations.Events.FetchStreamAsync(payoutId, token: cancellation)).Select(x => x.Data).OfType<PayoutCreated>().FirstOrDefault();
}
