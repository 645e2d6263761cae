using Marten.Events.Aggregation;
using Platform.Contracts.Commerce;

namespace Platform.Projections.Analytics;

/// <summary>Money taken back from one sale (a refund, or a lost dispute), with the parts the event decided.</summary>
public sealed record TakenBack(string ProviderId, long Amount, long PlatformFee, long CreatorShare, DateTimeOffset At);

/// <summary>
/// One purchase as analytics counts it (ANLY): what was sold in which community, when it was paid and for how much, and what was
/// taken back when. Each amount is the one its event decided; nothing is recomputed.
/// </summary>
public sealed class SaleFacts
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid ProductId { get; set; }
    public ProductKind Kind { get; set; }
    public Guid BuyerId { get; set; }
    public Guid? SubscriptionId { get; set; }
    public string Currency { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public long Gross { get; set; }
    public long PlatformFee { get; set; }
    public long CreatorShare { get; set; }
    public List<TakenBack> Refunds { get; set; } = [];
    public List<TakenBack> LostDisputes { get; set; } = [];
}

/// <summary>Async, rebuildable: one document per purchase stream.</summary>
public sealed partial class SaleFactsProjection : SingleStreamProjection<SaleFacts, Guid>
{
    public static SaleFacts Create(CheckoutStarted e) => new()
    {
        Id = e.PurchaseId, CommunityId = e.CommunityId, ProductId = e.ProductId, Kind = e.Kind, BuyerId = e.BuyerId, SubscriptionId = e.SubscriptionId,
        Currency = e.Currency, StartedAt = e.StartedAt,
    };

    public static SaleFacts Create(RenewalBilled e) => new()
    {
        Id = e.PurchaseId, CommunityId = e.CommunityId, ProductId = e.ProductId, Kind = e.Kind, BuyerId = e.BuyerId, SubscriptionId = e.SubscriptionId,
        Currency = e.Currency, StartedAt = e.BilledAt,
    };

    public static void Apply(PaymentSucceeded e, SaleFacts sale)
    {
        sale.PaidAt = e.PaidAt;
        (sale.Gross, sale.PlatformFee, sale.CreatorShare) = (e.Gross, e.PlatformFee, e.CreatorShare);
    }

    // Providers may report a refund twice under the same id: count it once.
    public static void Apply(PaymentRefunded e, SaleFacts sale)
    {
        if (sale.Refunds.All(r => r.ProviderId != e.ProviderRefundId))
            sale.Refunds.Add(new TakenBack(e.ProviderRefundId, e.Amount, e.PlatformFeeReversed, e.CreatorShareReversed, e.RefundedAt));
    }

    public static void Apply(DisputeClosed e, SaleFacts sale)
    {
        if (!e.Won && sale.LostDisputes.All(d => d.ProviderId != e.ProviderDisputeId))
            sale.LostDisputes.Add(new TakenBack(e.ProviderDisputeId, e.Amount, e.PlatformFeeReversed, e.CreatorShareReversed, e.ClosedAt));
    }
}
