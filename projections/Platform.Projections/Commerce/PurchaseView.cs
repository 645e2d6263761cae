using Marten.Events.Aggregation;
using Platform.Contracts.Commerce;

namespace Platform.Projections.Commerce;

public enum PurchaseStatus { Pending, Paid, Failed, PartiallyRefunded, Refunded, Disputed }

public enum RefundStatus { Pending, Succeeded, Failed }

public sealed record RefundView(
    Guid? Id, string? ProviderRefundId, long Amount, long PlatformFeeReversed, long CreatorShareReversed, RefundStatus Status, string? Reason,
    Guid? RequestedBy, DateTimeOffset At);

public sealed record DisputeView(string ProviderDisputeId, long Amount, string Reason, bool? Won, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// One purchase (RCPT, PURC, FREF): a checkout or a subscription's renewal, its payment, refunds and disputes. Every event
/// may arrive in any order (providers don't promise one), so the status is derived from everything known, never from the
/// last event alone: a payment beats a declined attempt, refunds and disputes count whenever they come.
/// </summary>
public sealed class PurchaseView
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public ProductKind Kind { get; set; }
    public Guid CommunityId { get; set; }
    public Guid CreatorId { get; set; }
    public Guid BuyerId { get; set; }
    public Guid PriceId { get; set; }
    public PriceInterval Interval { get; set; }
    public int TrialDays { get; set; }
    public Guid? SubscriptionId { get; set; }
    public Guid? CouponId { get; set; }
    public long ListAmount { get; set; }
    public long Discount { get; set; }
    /// <summary>What the buyer is asked to pay.</summary>
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public int FeePercent { get; set; }
    public string Provider { get; set; } = "";
    public string? ProviderCheckoutId { get; set; }
    public string? ProviderInvoiceId { get; set; }
    public string? CheckoutUrl { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string? ProviderPaymentId { get; set; }
    public long Gross { get; set; }
    public long PlatformFee { get; set; }
    public long CreatorShare { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    /// <summary>Set when the buyer already owned the product through this other purchase: this one is refunded in full.</summary>
    public Guid? DuplicateOf { get; set; }
    public List<RefundView> Refunds { get; set; } = [];
    public List<DisputeView> Disputes { get; set; } = [];

    public long Refunded => RefundHistory.Succeeded(Refunds);
    public long RefundPending => RefundHistory.Pending(Refunds);
    /// <summary>Taken back by lost disputes, or held by open ones.</summary>
    public long Disputed => Disputes.Where(d => d.Won != true).Sum(d => d.Amount);
    public bool IsPaid => PaidAt is not null;
    // The finance section's backlog counts these on every dashboard: indexed (ProjectionsConfiguration), not found by scanning every
    // purchase's refunds and disputes.
    /// <summary>A refund asked for and not yet confirmed or refused by the provider.</summary>
    public bool HasPendingRefund => Refunds.Any(r => r.Status == RefundStatus.Pending);
    /// <summary>A dispute the bank has not decided yet.</summary>
    public bool HasOpenDispute => Disputes.Any(d => d.Won == null);

    public PurchaseStatus Status =>
        !IsPaid ? (FailureReason is not null || ExpiredAt is not null ? PurchaseStatus.Failed : PurchaseStatus.Pending)
        : Disputes.Any(d => d.Won != true) ? PurchaseStatus.Disputed
        : Refunded >= Gross && Gross > 0 ? PurchaseStatus.Refunded
        : Refunded > 0 ? PurchaseStatus.PartiallyRefunded
        : PurchaseStatus.Paid;
}

/// <summary>Inline: the buyer's receipt and the creator's refund limit are right on the very next request.</summary>
public sealed partial class PurchaseViewProjection : SingleStreamProjection<PurchaseView, Guid>
{
    public static PurchaseView Create(CheckoutStarted e) => new()
    {
        Id = e.PurchaseId, ProductId = e.ProductId, Kind = e.Kind, CommunityId = e.CommunityId, CreatorId = e.CreatorId, BuyerId = e.BuyerId,
        PriceId = e.PriceId, Interval = e.Interval, TrialDays = e.TrialDays, SubscriptionId = e.SubscriptionId, CouponId = e.CouponId, ListAmount = e.ListAmount,
        Discount = e.Discount, Amount = e.Amount, Currency = e.Currency, FeePercent = e.FeePercent, Provider = e.Provider,
        ProviderCheckoutId = e.ProviderCheckoutId, CheckoutUrl = e.Url, ExpiresAt = e.ExpiresAt, CreatedAt = e.StartedAt,
    };

    public static PurchaseView Create(RenewalBilled e) => new()
    {
        Id = e.PurchaseId, ProductId = e.ProductId, Kind = e.Kind, CommunityId = e.CommunityId, CreatorId = e.CreatorId, BuyerId = e.BuyerId,
        PriceId = e.PriceId, Interval = e.Interval, SubscriptionId = e.SubscriptionId, ListAmount = e.Amount, Amount = e.Amount,
        Currency = e.Currency, FeePercent = e.FeePercent, Provider = e.Provider, ProviderInvoiceId = e.ProviderInvoiceId, CreatedAt = e.BilledAt,
    };

    public static void Apply(PaymentSucceeded e, PurchaseView view)
    {
        view.ProviderPaymentId = e.ProviderPaymentId;
        view.Gross = e.Gross;
        view.PlatformFee = e.PlatformFee;
        view.CreatorShare = e.CreatorShare;
        view.PaidAt = e.PaidAt;
        view.FailureReason = null; // a declined card tried before is the history's, not this paid purchase's reason
    }

    public static void Apply(PaymentFailed e, PurchaseView view) => view.FailureReason = e.Reason;

    public static void Apply(CheckoutExpired e, PurchaseView view) => view.ExpiredAt = e.ExpiredAt;

    public static void Apply(DuplicatePaymentFound e, PurchaseView view) => view.DuplicateOf = e.OwnedThrough;

    public static void Apply(RefundRequested e, PurchaseView view) => view.Refunds = RefundHistory.Requested(view.Refunds, e);

    public static void Apply(RefundFailed e, PurchaseView view) => view.Refunds = RefundHistory.Failed(view.Refunds, e);

    public static void Apply(PaymentRefunded e, PurchaseView view) => view.Refunds = RefundHistory.Refunded(view.Refunds, e);

    public static void Apply(DisputeOpened e, PurchaseView view) => view.Disputes = DisputeHistory.Opened(view.Disputes, e);

    public static void Apply(DisputeClosed e, PurchaseView view) => view.Disputes = DisputeHistory.Closed(view.Disputes, e);
}

/// <summary>How a purchase's refunds accumulate: one definition for this read model and the purchase stream's write model.</summary>
public static class RefundHistory
{
    public static long Succeeded(IEnumerable<RefundView> refunds) => refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.Amount);

    public static long Pending(IEnumerable<RefundView> refunds) => refunds.Where(r => r.Status == RefundStatus.Pending).Sum(r => r.Amount);

    public static List<RefundView> Requested(IEnumerable<RefundView> refunds, RefundRequested e) =>
        [.. refunds, new RefundView(e.RefundId, null, e.Amount, 0, 0, RefundStatus.Pending, e.Reason, e.RequestedBy, e.RequestedAt)];

    public static List<RefundView> Failed(IEnumerable<RefundView> refunds, RefundFailed e) =>
        [.. refunds.Select(r => r.Id == e.RefundId ? r with { Status = RefundStatus.Failed, Reason = e.Reason } : r)];

    public static List<RefundView> Refunded(IEnumerable<RefundView> refunds, PaymentRefunded e)
    {
        var list = refunds.ToList();
        // A refund we asked for is matched by our id; one made at the provider (its dashboard) arrives with none.
        var index = e.RefundId is { } id ? list.FindIndex(r => r.Id == id) : -1;
        var requested = index >= 0 ? list[index] : null;
        var refund = new RefundView(e.RefundId, e.ProviderRefundId, e.Amount, e.PlatformFeeReversed, e.CreatorShareReversed, RefundStatus.Succeeded,
            requested?.Reason, requested?.RequestedBy, e.RefundedAt);
        if (index >= 0) list[index] = refund;
        else list.Add(refund);
        return list;
    }
}

/// <summary>How a purchase's disputes accumulate: one definition for this read model and the purchase stream's write model.</summary>
public static class DisputeHistory
{
    public static List<DisputeView> Opened(IEnumerable<DisputeView> disputes, DisputeOpened e)
    {
        var list = disputes.ToList();
        if (list.All(d => d.ProviderDisputeId != e.ProviderDisputeId)) list.Add(new DisputeView(e.ProviderDisputeId, e.Amount, e.Reason, null, e.OpenedAt, null));
        return list;
    }

    public static List<DisputeView> Closed(IEnumerable<DisputeView> disputes, DisputeClosed e)
    {
        var list = disputes.ToList();
        var index = list.FindIndex(d => d.ProviderDisputeId == e.ProviderDisputeId);
        var opened = index >= 0 ? list[index] : new DisputeView(e.ProviderDisputeId, e.Amount, "", null, e.ClosedAt, null);
        var closed = opened with { Won = e.Won, Amount = e.Amount, ClosedAt = e.ClosedAt };
        if (index >= 0) list[index] = closed;
        else list.Add(closed);
        return list;
    }
}
