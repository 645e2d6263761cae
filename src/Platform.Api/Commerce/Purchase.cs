using System.Collections.Immutable;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>
/// The purchase stream (a checkout, or a subscription's renewal): its write model and its pure rules. Marten folds the record
/// from the stream by its <c>Create</c>/<c>Apply</c> methods; <see cref="After"/> folds the events a rule just decided, so a
/// handler sees the purchase after them within the same transaction. Each rule is idempotent (a resent report changes nothing)
/// and commutes with the others (a refund or dispute reported before the payment ends in the same state as after it).
/// </summary>
public sealed record Purchase(
    Guid Id, Guid ProductId, ProductKind Kind, Guid CommunityId, Guid CreatorId, Guid BuyerId, Guid PriceId, PriceInterval Interval, int TrialDays,
    Guid? SubscriptionId, long Amount, string Currency, int FeePercent, string Provider, DateTimeOffset CreatedAt)
{
    public string? ProviderPaymentId { get; init; }
    public long Gross { get; init; }
    public long PlatformFee { get; init; }
    public long CreatorShare { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public string? FailureReason { get; init; }
    public DateTimeOffset? ExpiredAt { get; init; }
    /// <summary>Set when the buyer already owned the product through this other purchase: this one gives nothing and is refunded.</summary>
    public Guid? DuplicateOf { get; init; }
    public ImmutableList<RefundView> Refunds { get; init; } = [];
    public ImmutableList<DisputeView> Disputes { get; init; } = [];
    /// <summary>What lost disputes took back of the platform's fee, as the provider booked it.</summary>
    public long DisputeFeeReversed { get; init; }

    public bool IsPaid => PaidAt is not null;
    public long Refunded => RefundHistory.Succeeded(Refunds);

    public static Purchase Create(CheckoutStarted e) => new(e.PurchaseId, e.ProductId, e.Kind, e.CommunityId, e.CreatorId, e.BuyerId, e.PriceId,
        e.Interval, e.TrialDays, e.SubscriptionId, e.Amount, e.Currency, e.FeePercent, e.Provider, e.StartedAt);

    public static Purchase Create(RenewalBilled e) => new(e.PurchaseId, e.ProductId, e.Kind, e.CommunityId, e.CreatorId, e.BuyerId, e.PriceId,
        e.Interval, 0, e.SubscriptionId, e.Amount, e.Currency, e.FeePercent, e.Provider, e.BilledAt);

    public Purchase Apply(PaymentSucceeded e) =>
        this with { ProviderPaymentId = e.ProviderPaymentId, Gross = e.Gross, PlatformFee = e.PlatformFee, CreatorShare = e.CreatorShare, PaidAt = e.PaidAt };

    public Purchase Apply(PaymentFailed e) => this with { FailureReason = e.Reason };

    public Purchase Apply(CheckoutExpired e) => this with { ExpiredAt = e.ExpiredAt };

    public Purchase Apply(DuplicatePaymentFound e) => this with { DuplicateOf = e.OwnedThrough };

    public Purchase Apply(RefundRequested e) => this with { Refunds = RefundHistory.Requested(Refunds, e).ToImmutableList() };

    public Purchase Apply(RefundFailed e) => this with { Refunds = RefundHistory.Failed(Refunds, e).ToImmutableList() };

    public Purchase Apply(PaymentRefunded e) => this with { Refunds = RefundHistory.Refunded(Refunds, e).ToImmutableList() };

    public Purchase Apply(DisputeOpened e) => this with { Disputes = DisputeHistory.Opened(Disputes, e).ToImmutableList() };

    public Purchase Apply(DisputeClosed e) => this with
    {
        Disputes = DisputeHistory.Closed(Disputes, e).ToImmutableList(), DisputeFeeReversed = DisputeFeeReversed + (e.Won ? 0 : e.PlatformFeeReversed),
    };

    /// <summary>The purchase after events a rule just decided (the decider's evolve: the same methods Marten folds with).</summary>
    public static Purchase After(Purchase? purchase, IEnumerable<object> events) =>
        events.Aggregate(purchase, (p, e) => e switch
        {
            CheckoutStarted x => Create(x),
            RenewalBilled x => Create(x),
            PaymentSucceeded x => p!.Apply(x),
            PaymentFailed x => p!.Apply(x),
            CheckoutExpired x => p!.Apply(x),
            DuplicatePaymentFound x => p!.Apply(x),
            RefundRequested x => p!.Apply(x),
            RefundFailed x => p!.Apply(x),
            PaymentRefunded x => p!.Apply(x),
            DisputeOpened x => p!.Apply(x),
            DisputeClosed x => p!.Apply(x),
            _ => throw new InvalidOperationException($"{e.GetType().Name} is not a purchase event."),
        }) ?? throw new InvalidOperationException("No purchase.");

    public static object[] Pay(Purchase purchase, CheckoutPaid paid, string eventId, DateTimeOffset at)
    {
        if (purchase.IsPaid) return [];
        if (paid.AmountPaid is < 0 or > MoneySplit.MaxAmount) throw DomainException.Invalid($"The provider reports an amount of {paid.AmountPaid}.");
        var split = MoneySplit.Of(paid.AmountPaid, purchase.FeePercent);
        var currency = paid.Currency is { Length: > 0 } c ? c : purchase.Currency;
        return [new PaymentSucceeded(purchase.Id, paid.AmountPaid, split.PlatformFee, split.CreatorShare, currency, paid.ProviderPaymentId, eventId, at)];
    }

    public static object[] Fail(Purchase purchase, string reason, string eventId, DateTimeOffset at) =>
        purchase.IsPaid || purchase.FailureReason is not null ? [] : [new PaymentFailed(purchase.Id, reason, eventId, at)];

    public static object[] Expire(Purchase purchase, string eventId, DateTimeOffset at) =>
        purchase.IsPaid || purchase.ExpiredAt is not null ? [] : [new CheckoutExpired(purchase.Id, eventId, at)];

    /// <summary>The product's creator or finance asks for money back: never more than was paid, less what earlier refunds,
    /// pending refunds and lost disputes took back.</summary>
    public static object[] RequestRefund(Purchase? purchase, RefundPurchase command, DateTimeOffset now)
    {
        if (purchase is null) throw DomainException.NotFound("The purchase");
        if (purchase.Refunds.Any(r => r.Id == command.RefundId)) return [];
        if (!purchase.IsPaid) throw DomainException.Conflict("Only a paid purchase can be refunded.");
        if (purchase.Disputes.Any(d => d.Won is null)) throw DomainException.Conflict("This purchase is disputed; the dispute decides what goes back.");
        var refundable = Refundable(purchase);
        if (refundable <= 0) throw DomainException.Conflict("Nothing is left to refund.");
        var amount = command.Amount ?? refundable;
        if (amount < 1) throw DomainException.Invalid("A refund is at least 1 in the currency's minor unit.");
        if (amount > refundable) throw DomainException.Invalid($"At most {refundable} {purchase.Currency} minor units can still be refunded.");
        var reason = command.Reason.Trim();
        if (reason.Length is 0 or > 500) throw DomainException.Invalid("Give a reason of at most 500 characters.");
        return [new RefundRequested(purchase.Id, command.RefundId, amount, reason, command.RequestedBy, now)];
    }

    /// <summary>
    /// What to ask the provider before booking a refund it reports as made; null when the report books nothing (not succeeded, or
    /// booked already). A refund that would take back more than is left is refused here, before anyone is asked.
    /// </summary>
    public static ReversalQuery? Reversal(Purchase purchase, RefundChanged refund)
    {
        if (refund.Status != "succeeded" || Known(purchase, refund)?.Status == RefundStatus.Succeeded) return null;
        var before = TakenBack(purchase.Refunds, purchase.Disputes);
        if (refund.Amount < 1 || before + refund.Amount > Charged(purchase))
            throw DomainException.Conflict($"The provider reports a refund of {refund.Amount} after {before} of {Charged(purchase)} was already taken back.");
        return new ReversalQuery(purchase.ProviderPaymentId ?? refund.ProviderPaymentId ?? "", refund.ProviderRefundId, refund.Amount, Charged(purchase),
            purchase.FeePercent, before, FeeReversed(purchase));
    }

    /// <summary>
    /// What to ask the provider before booking a dispute reported lost (it takes the creator's share back: Stripe reverses neither
    /// the transfer nor the fee by itself); null when the report books no money. More than is left is refused before anyone is asked.
    /// </summary>
    public static ReversalQuery? Reversal(Purchase purchase, DisputeChanged dispute)
    {
        if (dispute.Status != "lost" || purchase.Disputes.Any(d => d.ProviderDisputeId == dispute.ProviderDisputeId && d.Won is not null)) return null;
        var before = TakenBack(purchase.Refunds, purchase.Disputes);
        if (dispute.Amount < 1 || before + dispute.Amount > Charged(purchase))
            throw DomainException.Conflict($"The provider reports a dispute of {dispute.Amount} after {before} of {Charged(purchase)} was already taken back.");
        return new ReversalQuery(purchase.ProviderPaymentId ?? dispute.ProviderPaymentId, dispute.ProviderDisputeId, dispute.Amount, Charged(purchase),
            purchase.FeePercent, before, FeeReversed(purchase), ReversalCause.Dispute);
    }

    // The application fee the provider refunded so far is a running total per charge: refunds' and lost disputes' parts.
    private static long FeeReversed(Purchase purchase) =>
        purchase.Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.PlatformFeeReversed) + purchase.DisputeFeeReversed;

    /// <summary>
    /// A refund the provider made (ours or its dashboard's), booked with what the provider says it took back of the fee and the
    /// share (<paramref name="reversed"/>, asked for <see cref="Reversal"/>); or one it refused.
    /// </summary>
    public static object[] Refund(Purchase purchase, RefundChanged refund, Split? reversed, string eventId, DateTimeOffset at)
    {
        var known = Known(purchase, refund);
        switch (refund.Status)
        {
            case "succeeded":
                if (Reversal(purchase, refund) is null) return [];
                var split = Checked(reversed, refund.Amount, "a refund");
                return [new PaymentRefunded(purchase.Id, known?.Id ?? refund.RefundId, refund.ProviderRefundId, refund.Amount, split.PlatformFee,
                    split.CreatorShare, purchase.Currency, eventId, at)];
            case "failed" or "canceled":
                return known is { Status: RefundStatus.Pending, Id: { } ours } ? [new RefundFailed(purchase.Id, ours, refund.FailureReason ?? refund.Status, at)] : [];
            default:
                return []; // pending: the provider reports again when it settles
        }
    }

    private static RefundView? Known(Purchase purchase, RefundChanged refund) =>
        purchase.Refunds.FirstOrDefault(r => r.ProviderRefundId == refund.ProviderRefundId || refund.RefundId is { } id && r.Id == id);

    private static Split Checked(Split? reversed, long amount, string what) =>
        reversed is { PlatformFee: >= 0, CreatorShare: >= 0 } split && split.PlatformFee + split.CreatorShare == amount
            ? split
            : throw DomainException.Invalid($"The provider reports a reversal of {reversed} for {what} of {amount}.");

    /// <summary>
    /// A dispute opened or closed; a lost one booked with what the provider says it took back of the fee and of the share
    /// (<paramref name="reversed"/>, asked for <see cref="Reversal(Purchase, DisputeChanged)"/>).
    /// </summary>
    public static object[] Dispute(Purchase purchase, DisputeChanged dispute, Split? reversed, string eventId, DateTimeOffset at)
    {
        var known = purchase.Disputes.FirstOrDefault(d => d.ProviderDisputeId == dispute.ProviderDisputeId);
        if (known?.Won is not null) return [];
        var opened = known is null ? new DisputeOpened(purchase.Id, dispute.ProviderDisputeId, dispute.Amount, dispute.Reason, eventId, at) : null;
        if (dispute.Status is not ("won" or "lost")) return opened is null ? [] : [opened];
        var won = dispute.Status == "won";
        var split = won ? default : Checked(reversed, dispute.Amount, "a lost dispute");
        var closed = new DisputeClosed(purchase.Id, dispute.ProviderDisputeId, won, dispute.Amount, split.PlatformFee, split.CreatorShare, eventId, at);
        return opened is null ? [closed] : [opened, closed];
    }

    /// <summary>The buyer keeps what they bought while it is paid and not wholly taken back.</summary>
    public static bool GivesAccess(Purchase purchase) => purchase.IsPaid && !DisputeLost(purchase) && !FullyRefunded(purchase);

    public static bool DisputeLost(Purchase purchase) => purchase.Disputes.Any(d => d.Won == false);

    /// <summary>Refunded to the last minor unit with no dispute open or lost (the read model's REFUNDED status).</summary>
    public static bool FullyRefunded(Purchase purchase) =>
        purchase.IsPaid && purchase.Disputes.All(d => d.Won == true) && purchase.Gross > 0 && purchase.Refunded >= purchase.Gross;

    /// <summary>What refunds and lost disputes may still take back.</summary>
    public static long Refundable(Purchase purchase) => Refundable(Charged(purchase), purchase.Refunds, purchase.Disputes);

    /// <summary>What was charged less what succeeded refunds and lost disputes took back and what pending refunds hold: the one rule,
    /// for the write model and for the purchase as readers see it.</summary>
    public static long Refundable(long charged, IReadOnlyCollection<RefundView> refunds, IEnumerable<DisputeView> disputes) =>
        charged - TakenBack(refunds, disputes) - RefundHistory.Pending(refunds);

    // Before the payment is reported, the checkout's amount stands in for the gross: it is what the provider charges.
    private static long Charged(Purchase purchase) => purchase.IsPaid ? purchase.Gross : purchase.Amount;

    private static long TakenBack(IEnumerable<RefundView> refunds, IEnumerable<DisputeView> disputes) =>
        RefundHistory.Succeeded(refunds) + disputes.Where(d => d.Won == false).Sum(d => d.Amount);
}
