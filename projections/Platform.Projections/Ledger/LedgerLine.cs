using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Platform.Contracts.Commerce;
using Platform.Contracts.Payouts;

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
    /// <summary>sale_fee, sale_share, refund_fee, refund_share, dispute_fee, dispute_share, provider_fee, payout, payout_paid, payout_failed, payout_returned.</summary>
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
    /// <summary>
    /// The events <see cref="LinesFor"/> writes lines for. Declared so the daemon reads only these: without them a rebuild
    /// read and deserialised every event in the store (all of a community's joins, posts, ...) to write nothing.
    /// </summary>
    public static readonly Type[] MoneyEvents =
    [
        typeof(PaymentSucceeded), typeof(PaymentRefunded), typeof(DisputeClosed), typeof(ProviderFeeCharged),
        typeof(PayoutCreated), typeof(PayoutPaid), typeof(PayoutFailed),
    ];

    public LedgerProjection()
    {
        foreach (var type in MoneyEvents) IncludeType(type);
    }

    /// <summary>
    /// A line's purchase terms, or the payout it settles, come from the earlier events of the money event's own stream (the
    /// purchase's or the payout's; a payout's creation opens its stream, so it has none), read for the whole page at once. Not
    /// from <c>PurchaseView</c>: a full rebuild rebuilds it beside this projection, and reading it here wrote no lines for the
    /// purchases it had not reached yet.
    /// </summary>
    public override Task EnrichEventsAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken cancellation) =>
        StreamHistories.Read(session, events, cancellation);

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var earlier = (await StreamHistories.Before(operations, e, cancellation)).Select(x => x.Data).ToList();
        var lines = LinesFor(e.Data, earlier.Select(PurchaseTerms.Of).OfType<PurchaseTerms>().FirstOrDefault(),
            earlier.OfType<PayoutCreated>().FirstOrDefault(), payoutWasPaid: earlier.OfType<PayoutPaid>().Any());
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

    /// <summary>
    /// Pure: the lines one money event writes, given its purchase's terms or the payout it settles.
    /// </summary>
    public static LedgerLine[] LinesFor(object data, PurchaseTerms? p, PayoutCreated? payout, bool payoutWasPaid = false) => data switch
    {
        PaymentSucceeded paid when p is not null =>
            [Line("sale_fee", LedgerLine.ProviderBalance, LedgerLine.PlatformFeeRevenue, paid.PlatformFee, p),
             Line("sale_share", LedgerLine.ProviderBalance, LedgerLine.CreatorPayable(p.CreatorId), paid.CreatorShare, p)],
        PaymentRefunded refund when p is not null =>
            [Line("refund_fee", LedgerLine.PlatformFeeRevenue, LedgerLine.ProviderBalance, refund.PlatformFeeReversed, p),
             Line("refund_share", LedgerLine.CreatorPayable(p.CreatorId), LedgerLine.ProviderBalance, refund.CreatorShareReversed, p)],
        DisputeClosed { Won: false } lost when p is not null =>
            [Line("dispute_fee", LedgerLine.PlatformFeeRevenue, LedgerLine.ProviderBalance, lost.PlatformFeeReversed, p),
             Line("dispute_share", LedgerLine.CreatorPayable(p.CreatorId), LedgerLine.ProviderBalance, lost.CreatorShareReversed, p)],
        ProviderFeeCharged fee when p is not null => [Line("provider_fee", LedgerLine.ProviderFees, LedgerLine.ProviderBalance, fee.Amount, p)],
        PayoutCreated created =>
            [Payout("payout", LedgerLine.CreatorPayable(created.CreatorId), LedgerLine.PayoutsInTransit(created.CreatorId), created.Amount, created)],
        PayoutPaid when payout is not null =>
            [Payout("payout_paid", LedgerLine.PayoutsInTransit(payout.CreatorId), LedgerLine.ProviderBalance, payout.Amount, payout)],
        // A bank returned a payout it had taken: the money is back at the provider and owed to the creator again.
        PayoutFailed when payout is not null && payoutWasPaid =>
            [Payout("payout_returned", LedgerLine.ProviderBalance, LedgerLine.CreatorPayable(payout.CreatorId), payout.Amount, payout)],
        PayoutFailed when payout is not null =>
            [Payout("payout_failed", LedgerLine.PayoutsInTransit(payout.CreatorId), LedgerLine.CreatorPayable(payout.CreatorId), payout.Amount, payout)],
        _ => [],
    };

    private static LedgerLine Line(string kind, string debit, string credit, long amount, PurchaseTerms purchase) => new()
    {
        Kind = kind, DebitAccount = debit, CreditAccount = credit, Amount = amount, Currency = purchase.Currency, PurchaseId = purchase.PurchaseId,
        CreatorId = purchase.CreatorId,
    };

    private static LedgerLine Payout(string kind, string debit, string credit, long amount, PayoutCreated payout) => new()
    {
        Kind = kind, DebitAccount = debit, CreditAccount = credit, Amount = amount, Currency = payout.Currency, PayoutId = payout.PayoutId,
        CreatorId = payout.CreatorId,
    };
}

/// <summary>Who a purchase pays and in what currency: set by the event that opens its stream, and never changed after.</summary>
public sealed record PurchaseTerms(Guid PurchaseId, Guid CreatorId, string Currency)
{
    public static PurchaseTerms? Of(object opening) => opening switch
    {
        CheckoutStarted c => new(c.PurchaseId, c.CreatorId, c.Currency),
        RenewalBilled r => new(r.PurchaseId, r.CreatorId, r.Currency),
        _ => null,
    };
}
