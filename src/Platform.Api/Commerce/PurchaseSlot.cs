using Marten;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>
/// At most one live purchase per buyer and product. Checkouts and payments of one buyer for one product queue on a lock named by
/// the pair, so each decides on what the ones before it committed: a double click gets the same checkout, and a second payment
/// (a second checkout paid at the provider, a race) finds the first and is refunded in full.
/// </summary>
public static class PurchaseSlot
{
    /// <summary>Holds the pair's lock until the session commits (a transaction-scoped PostgreSQL advisory lock).</summary>
    public static async Task Lock(IDocumentSession session, Guid buyerId, Guid productId, CancellationToken cancellation)
    {
        var key = BitConverter.ToInt64(DeterministicId.From("purchase-slot", buyerId.ToString(), productId.ToString()).ToByteArray(), 0);
        await session.BeginTransactionAsync(cancellation);
        await session.AdvancedSql.QueryAsync<bool>("select true from (select pg_advisory_xact_lock(?)) as locked", cancellation, key);
    }

    /// <summary>The buyer's open checkout of the product: the one a new checkout hands back, or replaces when the terms changed.</summary>
    public static PurchaseView? OpenCheckout(IEnumerable<PurchaseView> buyersPurchases, DateTimeOffset now) =>
        buyersPurchases.Where(p => !p.IsPaid && p.FailureReason is null && p.ExpiredAt is null && p.ExpiresAt > now).MaxBy(p => p.CreatedAt);

    /// <summary>
    /// A payment for a product the buyer already owns through another purchase (one-time), or the first payment of a second
    /// subscription while one is live: marked, and refunded in full with the reason. Nothing when it is the buyer's only live
    /// purchase, or a renewal (the same subscription again).
    /// </summary>
    public static object[] Duplicate(Purchase paid, IEnumerable<PurchaseView> buyersPurchases, IEnumerable<SubscriptionView> buyersLiveSubscriptions,
        DateTimeOffset now)
    {
        if (!paid.IsPaid || paid.DuplicateOf is not null) return [];
        var owner = paid.SubscriptionId is { } subscription
            ? subscription == DeterministicId.Subscription(paid.Id)
                ? buyersLiveSubscriptions.FirstOrDefault(s => s.Id != subscription && s.EndedAt is null)?.FirstPurchaseId
                : null
            : buyersPurchases.FirstOrDefault(p => p.Id != paid.Id && Owns(p))?.Id;
        if (owner is not { } ownedThrough) return [];
        var found = new DuplicatePaymentFound(paid.Id, ownedThrough, now);
        if (paid.Gross == 0) return [found];
        return [found, new RefundRequested(paid.Id, RefundId(paid.Id), paid.Gross, $"Duplicate payment: already bought with purchase {ownedThrough}.", Platform, now)];
    }

    /// <summary>A one-time purchase that gives the buyer the product (as <see cref="Purchase.GivesAccess"/>, read as readers see it).</summary>
    public static bool Owns(PurchaseView purchase) =>
        purchase.SubscriptionId is null && purchase.DuplicateOf is null
        && purchase.IsPaid && purchase.Disputes.All(d => d.Won != false) && purchase.Status != PurchaseStatus.Refunded;

    /// <summary>The one refund of a duplicate payment, the same however often the payment is processed.</summary>
    public static Guid RefundId(Guid purchaseId) => DeterministicId.From("duplicate-payment-refund", purchaseId.ToString());

    /// <summary>Who asks for a refund the platform makes by itself.</summary>
    public static readonly Guid Platform = Guid.Empty;
}
