using Marten.Events.Aggregation;
using Platform.Contracts.Commerce;

namespace Platform.Projections.Commerce;

public sealed record PriceView(Guid Id, long Amount, string Currency, PriceInterval Interval, int TrialDays, DateTimeOffset SetAt);

public sealed record CouponView(Guid Id, string Code, int? PercentOff, long? AmountOff, DateTimeOffset? ExpiresAt, int? MaxRedemptions, DateTimeOffset CreatedAt);

/// <summary>
/// A course or community membership for sale (PRIC), and the write model checkouts decide on: its prices, coupons, and
/// which checkouts hold or bought a seat or a coupon redemption.
/// </summary>
public sealed class ProductView
{
    /// <summary>The product stream's id (<c>DeterministicId.Product</c>), not the course or community id.</summary>
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public ProductKind Kind { get; set; }
    public Guid CommunityId { get; set; }
    public Guid CreatorId { get; set; }
    public List<PriceView> Prices { get; set; } = [];
    /// <summary>The price new checkouts get unless they name an older one; older prices stay for open checkouts and subscriptions.</summary>
    public Guid? CurrentPriceId { get; set; }
    public int? SeatLimit { get; set; }
    public List<CouponView> Coupons { get; set; } = [];
    /// <summary>Open checkouts, each holding a seat and/or a coupon redemption.</summary>
    public List<Hold> Holds { get; set; } = [];
    /// <summary>Paid checkouts that still hold their seat and redemption.</summary>
    public List<Hold> Sold { get; set; } = [];

    public sealed record Hold(Guid PurchaseId, bool TakesSeat, Guid? CouponId);

    public PriceView? CurrentPrice => Prices.FirstOrDefault(p => p.Id == CurrentPriceId);
    public int SeatsTaken => Holds.Concat(Sold).Count(h => h.TakesSeat);
    public int Redemptions(Guid couponId) => Holds.Concat(Sold).Count(h => h.CouponId == couponId);
}

/// <summary>Inline: a price set is for sale on the very next request, and a checkout's hold is seen by the next checkout.</summary>
public sealed partial class ProductViewProjection : SingleStreamProjection<ProductView, Guid>
{
    public static ProductView Create(PriceSet e) => Apply(e, new ProductView { ProductId = e.ProductId, Kind = e.Kind, CommunityId = e.CommunityId });

    public static ProductView Apply(PriceSet e, ProductView view)
    {
        view.CreatorId = e.CreatorId;
        view.Prices.Add(new PriceView(e.PriceId, e.Amount, e.Currency, e.Interval, e.TrialDays, e.SetAt));
        view.CurrentPriceId = e.PriceId;
        view.SeatLimit = e.SeatLimit;
        return view;
    }

    public static void Apply(CouponCreated e, ProductView view) =>
        view.Coupons.Add(new CouponView(e.CouponId, e.Code, e.PercentOff, e.AmountOff, e.ExpiresAt, e.MaxRedemptions, e.CreatedAt));

    public static void Apply(CheckoutHeld e, ProductView view) => view.Holds.Add(new ProductView.Hold(e.PurchaseId, e.TakesSeat, e.CouponId));

    public static void Apply(CheckoutHoldSold e, ProductView view)
    {
        if (view.Holds.FirstOrDefault(h => h.PurchaseId == e.PurchaseId) is not { } hold) return;
        view.Holds.Remove(hold);
        view.Sold.Add(hold);
    }

    public static void Apply(CheckoutHoldReleased e, ProductView view)
    {
        view.Holds.RemoveAll(h => h.PurchaseId == e.PurchaseId);
        view.Sold.RemoveAll(h => h.PurchaseId == e.PurchaseId);
    }
}
