using System.Text.Json;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>
/// Pure decisions on one purchase, from what the provider reports. Each is idempotent (a resent event changes nothing) and
/// commutes with the others (a refund or dispute reported before the payment ends in the same state as after it).
/// </summary>
public static class Payments
{
    public static object[] Pay(PurchaseView purchase, CheckoutPaid paid, string eventId, DateTimeOffset at)
    {
        if (purchase.IsPaid) return [];
        if (paid.AmountPaid is < 0 or > MoneySplit.MaxAmount) throw DomainException.Invalid($"The provider reports an amount of {paid.AmountPaid}.");
        var split = MoneySplit.Of(paid.AmountPaid, purchase.FeePercent);
        var currency = paid.Currency is { Length: > 0 } c ? c : purchase.Currency;
        return [new PaymentSucceeded(purchase.Id, paid.AmountPaid, split.PlatformFee, split.CreatorShare, currency, paid.ProviderPaymentId, eventId, at)];
    }

    public static object[] Fail(PurchaseView purchase, string reason, string eventId, DateTimeOffset at) =>
        purchase.IsPaid || purchase.FailureReason is not null ? [] : [new PaymentFailed(purchase.Id, reason, eventId, at)];

    public static object[] Expire(PurchaseView purchase, string eventId, DateTimeOffset at) =>
        purchase.IsPaid || purchase.ExpiredAt is not null ? [] : [new CheckoutExpired(purchase.Id, eventId, at)];

    /// <summary>What refunds and lost disputes may still take back.</summary>
    public static long Refundable(PurchaseView purchase) => Gross(purchase) - TakenBack(purchase) - purchase.RefundPending;

    /// <summary>A refund the provider made (ours or its dashboard's), or one it refused.</summary>
    public static object[] Refund(PurchaseView purchase, RefundChanged refund, string eventId, DateTimeOffset at)
    {
        var known = purchase.Refunds.FirstOrDefault(r => r.ProviderRefundId == refund.ProviderRefundId || refund.RefundId is { } id && r.Id == id);
        switch (refund.Status)
        {
            case "succeeded":
                if (known?.Status == RefundStatus.Succeeded) return [];
                var split = TakeBack(purchase, refund.Amount, "refund");
                return [new PaymentRefunded(purchase.Id, known?.Id ?? refund.RefundId, refund.ProviderRefundId, refund.Amount, split.PlatformFee,
                    split.CreatorShare, purchase.Currency, eventId, at)];
            case "failed" or "canceled":
                return known is { Status: RefundStatus.Pending, Id: { } ours } ? [new RefundFailed(purchase.Id, ours, refund.FailureReason ?? refund.Status, at)] : [];
            default:
                return []; // pending: the provider reports again when it settles
        }
    }

    public static object[] Dispute(PurchaseView purchase, DisputeChanged dispute, string eventId, DateTimeOffset at)
    {
        var known = purchase.Disputes.FirstOrDefault(d => d.ProviderDisputeId == dispute.ProviderDisputeId);
        if (known?.Won is not null) return [];
        var opened = known is null ? new DisputeOpened(purchase.Id, dispute.ProviderDisputeId, dispute.Amount, dispute.Reason, eventId, at) : null;
        if (dispute.Status is not ("won" or "lost")) return opened is null ? [] : [opened];
        var won = dispute.Status == "won";
        var split = won ? default : TakeBack(purchase, dispute.Amount, "dispute");
        var closed = new DisputeClosed(purchase.Id, dispute.ProviderDisputeId, won, dispute.Amount, split.PlatformFee, split.CreatorShare, eventId, at);
        return opened is null ? [closed] : [opened, closed];
    }

    /// <summary>The buyer keeps what they bought while it is paid and not wholly taken back.</summary>
    public static bool GivesAccess(PurchaseView purchase) =>
        purchase.IsPaid && purchase.Status != PurchaseStatus.Refunded && !purchase.Disputes.Any(d => d.Won == false);

    public static bool DisputeLost(PurchaseView purchase) => purchase.Disputes.Any(d => d.Won == false);

    /// <summary>The purchase after <paramref name="events"/>, by the projection's own rules (one definition of the state).</summary>
    public static PurchaseView Evolve(PurchaseView? purchase, IEnumerable<object> events)
    {
        var view = purchase is null ? null : JsonSerializer.Deserialize<PurchaseView>(JsonSerializer.Serialize(purchase))!;
        foreach (var e in events)
        {
            switch (e)
            {
                case CheckoutStarted started: view = PurchaseViewProjection.Create(started); break;
                case RenewalBilled billed: view = PurchaseViewProjection.Create(billed); break;
                case PaymentSucceeded x: PurchaseViewProjection.Apply(x, view!); break;
                case PaymentFailed x: PurchaseViewProjection.Apply(x, view!); break;
                case CheckoutExpired x: PurchaseViewProjection.Apply(x, view!); break;
                case RefundRequested x: PurchaseViewProjection.Apply(x, view!); break;
                case RefundFailed x: PurchaseViewProjection.Apply(x, view!); break;
                case PaymentRefunded x: PurchaseViewProjection.Apply(x, view!); break;
                case DisputeOpened x: PurchaseViewProjection.Apply(x, view!); break;
                case DisputeClosed x: PurchaseViewProjection.Apply(x, view!); break;
                default: throw new InvalidOperationException($"{e.GetType().Name} is not a purchase event.");
            }
        }
        return view ?? throw new InvalidOperationException("No purchase.");
    }

    // Before the payment is reported, the checkout's amount stands in for the gross: it is what the provider charges.
    private static long Gross(PurchaseView purchase) => purchase.IsPaid ? purchase.Gross : purchase.Amount;

    private static long TakenBack(PurchaseView purchase) =>
        purchase.Refunded + purchase.Disputes.Where(d => d.Won == false).Sum(d => d.Amount);

    private static Split TakeBack(PurchaseView purchase, long amount, string what)
    {
        var before = TakenBack(purchase);
        if (amount < 1 || before + amount > Gross(purchase))
            throw DomainException.Conflict($"The provider reports a {what} of {amount} after {before} of {Gross(purchase)} was already taken back.");
        return MoneySplit.Reverse(Gross(purchase), purchase.FeePercent, before, amount);
    }
}
