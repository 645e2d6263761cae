namespace Platform.Contracts.Commerce;

/// <summary>What a product sells: a course (its id is the course id) or a community membership (the community id).</summary>
public enum ProductKind { Course, Community }

public enum PriceInterval { OneTime, Month, Year }

// Product streams (PRIC), id DeterministicId.Product(productId): prices, coupons, and the seats and coupon
// redemptions that open checkouts hold. Checkouts lock this stream, so a seat or a redemption is never sold twice.

public sealed record PriceSet(
    Guid ProductId, Guid PriceId, ProductKind Kind, Guid CommunityId, Guid CreatorId, long Amount, string Currency,
    PriceInterval Interval, int TrialDays, int? SeatLimit, Guid SetBy, DateTimeOffset SetAt);

public sealed record CouponCreated(
    Guid ProductId, Guid CouponId, string Code, int? PercentOff, long? AmountOff, DateTimeOffset? ExpiresAt, int? MaxRedemptions,
    Guid CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A checkout holds a seat (on a seat-limited product) and its coupon's redemption until it is paid or expires.</summary>
public sealed record CheckoutHeld(Guid ProductId, Guid PurchaseId, bool TakesSeat, Guid? CouponId, DateTimeOffset HeldAt);

/// <summary>The checkout was paid: its hold becomes a sale.</summary>
public sealed record CheckoutHoldSold(Guid ProductId, Guid PurchaseId, DateTimeOffset SoldAt);

/// <summary>The checkout expired, or a sale was taken back (full refund, lost dispute, ended subscription): the seat is free again.</summary>
public sealed record CheckoutHoldReleased(Guid ProductId, Guid PurchaseId, string Reason, DateTimeOffset ReleasedAt);

// Purchase streams (CHKO, RCPT, PURC, FREF), id = the checkout id, or DeterministicId.Renewal(invoice) for a subscription's renewal.

/// <summary>A buyer opened a checkout at a price; the amount is decided here, once (list price less the coupon).</summary>
public sealed record CheckoutStarted(
    Guid PurchaseId, Guid ProductId, ProductKind Kind, Guid CommunityId, Guid CreatorId, Guid BuyerId, Guid PriceId,
    PriceInterval Interval, int TrialDays, long ListAmount, long Discount, long Amount, string Currency, int FeePercent, Guid? CouponId,
    Guid? SubscriptionId, string Provider, string ProviderCheckoutId, string Url, DateTimeOffset ExpiresAt, DateTimeOffset StartedAt);

/// <summary>A subscription's provider billed the next period; the payment follows as for a checkout.</summary>
public sealed record RenewalBilled(
    Guid PurchaseId, Guid SubscriptionId, Guid ProductId, ProductKind Kind, Guid CommunityId, Guid CreatorId, Guid BuyerId, Guid PriceId,
    PriceInterval Interval, long Amount, string Currency, int FeePercent, string Provider, string ProviderInvoiceId, DateTimeOffset BilledAt);

/// <summary>The money arrived. The split is decided here, once, by <c>MoneySplit</c>: fee + share = gross.</summary>
public sealed record PaymentSucceeded(
    Guid PurchaseId, long Gross, long PlatformFee, long CreatorShare, string Currency, string ProviderPaymentId, string ProviderEventId,
    DateTimeOffset PaidAt);

/// <summary>A payment attempt failed (a declined card); a later success on the same checkout still wins.</summary>
public sealed record PaymentFailed(Guid PurchaseId, string Reason, string ProviderEventId, DateTimeOffset FailedAt);

/// <summary>The checkout was never paid and has closed.</summary>
public sealed record CheckoutExpired(Guid PurchaseId, string ProviderEventId, DateTimeOffset ExpiredAt);

/// <summary>
/// The buyer already owned the product through <paramref name="OwnedThrough"/> when this payment arrived (a second checkout paid at
/// the provider, a race): it gives no access and is refunded in full.
/// </summary>
public sealed record DuplicatePaymentFound(Guid PurchaseId, Guid OwnedThrough, DateTimeOffset FoundAt);

/// <summary>The product's creator or finance asked for money back; the provider confirms with <see cref="PaymentRefunded"/>.</summary>
public sealed record RefundRequested(Guid PurchaseId, Guid RefundId, long Amount, string Reason, Guid RequestedBy, DateTimeOffset RequestedAt);

/// <summary>The provider refused a refund we asked for; the amount is free to refund again.</summary>
public sealed record RefundFailed(Guid PurchaseId, Guid RefundId, string Reason, DateTimeOffset FailedAt);

/// <summary>Money went back to the buyer, split in proportion by <c>MoneySplit.Reverse</c>.</summary>
public sealed record PaymentRefunded(
    Guid PurchaseId, Guid? RefundId, string ProviderRefundId, long Amount, long PlatformFeeReversed, long CreatorShareReversed, string Currency,
    string ProviderEventId, DateTimeOffset RefundedAt);

/// <summary>The buyer's bank disputed the payment; the disputed amount is withdrawn while the dispute is open.</summary>
public sealed record DisputeOpened(Guid PurchaseId, string ProviderDisputeId, long Amount, string Reason, string ProviderEventId, DateTimeOffset OpenedAt);

/// <summary>A dispute ended. Lost: the amount is gone, split in proportion like a refund. Won: the money comes back.</summary>
public sealed record DisputeClosed(
    Guid PurchaseId, string ProviderDisputeId, bool Won, long Amount, long PlatformFeeReversed, long CreatorShareReversed, string ProviderEventId,
    DateTimeOffset ClosedAt);

// Subscription streams, id DeterministicId.Subscription(first purchase id).

public enum SubscriptionStatus { Trialing, Active, PastDue, Ended }

public sealed record SubscriptionStarted(
    Guid SubscriptionId, Guid FirstPurchaseId, Guid ProductId, ProductKind Kind, Guid CommunityId, Guid CreatorId, Guid BuyerId, Guid PriceId,
    PriceInterval Interval, long Amount, string Currency, int FeePercent, string Provider, string ProviderSubscriptionId, DateTimeOffset? TrialEndsAt,
    DateTimeOffset CurrentPeriodEnd, DateTimeOffset StartedAt);

public sealed record SubscriptionRenewed(Guid SubscriptionId, Guid PurchaseId, DateTimeOffset CurrentPeriodEnd, DateTimeOffset RenewedAt);

/// <summary>
/// A renewal was not paid: access lasts until the grace period ends, unless the renewal, or a later one covering its period
/// (<paramref name="PeriodEnd"/>; null on events recorded before it was kept), is paid by then.
/// </summary>
public sealed record SubscriptionPaymentFailed(Guid SubscriptionId, Guid PurchaseId, DateTimeOffset GraceEndsAt, DateTimeOffset FailedAt,
    DateTimeOffset? PeriodEnd = null);

/// <summary>The subscriber cancelled: access lasts to the end of the paid period.</summary>
public sealed record SubscriptionCancelRequested(Guid SubscriptionId, Guid CanceledBy, DateTimeOffset EndsAt, DateTimeOffset CanceledAt);

public sealed record SubscriptionEnded(Guid SubscriptionId, string Reason, DateTimeOffset EndedAt);

/// <summary>What the provider charged the platform for processing a payment (Stripe's balance-transaction fee): a platform cost.</summary>
public sealed record ProviderFeeCharged(Guid PurchaseId, long Amount, string Currency, string ProviderPaymentId, DateTimeOffset ChargedAt);
