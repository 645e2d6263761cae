using Marten;
using Platform.Api.Communities;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;

namespace Platform.Api.Commerce;

/// <summary>
/// What a purchase gives: an enrolment in the course or an active membership of the community, through the same events as
/// free joins. Granting what is held, or revoking what is gone, changes nothing, so replays are safe.
/// </summary>
public static class Entitlements
{
    public static async Task Grant(IDocumentSession session, ProductKind kind, Guid productId, Guid buyerId, DateTimeOffset at, ILogger logger,
        CancellationToken cancellation)
    {
        if (kind == ProductKind.Course)
        {
            var enrolment = await session.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(productId, buyerId), cancellation);
            if (enrolment.Aggregate is { RevokedAt: null }) return;
            enrolment.AppendOne(new Enrolled(DeterministicId.Enrolment(productId, buyerId), productId, buyerId, EnrolmentSource.Purchase, at));
            return;
        }
        var membership = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(productId, buyerId), cancellation);
        // A ban after the checkout opened: the money stays recorded, access does not follow; staff refund by hand.
        if (membership.Aggregate?.Status == MembershipStatus.Banned)
            logger.LogWarning("Paid membership of {CommunityId} not granted: {UserId} is banned", productId, buyerId);
        membership.AppendMany(Membership.GrantPaid(productId, buyerId, membership.Aggregate, at));
    }

    public static async Task Revoke(IDocumentSession session, ProductKind kind, Guid productId, Guid buyerId, string reason, DateTimeOffset at,
        CancellationToken cancellation)
    {
        if (kind == ProductKind.Course)
        {
            var enrolment = await session.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(productId, buyerId), cancellation);
            // Access is granted when we process the payment, revoked at the provider's time of the refund or dispute: a refund
            // reported before its payment would otherwise end the enrolment before it began.
            if (enrolment.Aggregate is { RevokedAt: null } current)
                enrolment.AppendOne(new EnrolmentRevoked(current.Id, productId, buyerId, reason, at < current.EnrolledAt ? current.EnrolledAt : at));
            return;
        }
        var membership = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(productId, buyerId), cancellation);
        membership.AppendMany(Membership.Lapse(membership.Aggregate, reason, at));
    }

    /// <summary>The seat and coupon redemption a checkout held become a sale, or are freed again.</summary>
    public static async Task SettleHold(IDocumentSession session, Guid productId, Guid purchaseId, bool sold, string reason, DateTimeOffset at,
        CancellationToken cancellation)
    {
        var product = await session.LoadAsync<ProductView>(DeterministicId.Product(productId), cancellation);
        if (product?.Holds.Concat(product.Sold).Any(h => h.PurchaseId == purchaseId) != true) return;
        // Under the product's row lock, like the checkouts that take holds: many payments at once queue here instead of conflicting.
        var locked = await session.Events.FetchForExclusiveWriting<ProductView>(DeterministicId.Product(productId), cancellation);
        var held = locked.Aggregate!.Holds.Any(h => h.PurchaseId == purchaseId);
        var bought = locked.Aggregate.Sold.Any(h => h.PurchaseId == purchaseId);
        if (sold && held) locked.AppendOne(new CheckoutHoldSold(productId, purchaseId, at));
        if (!sold && (held || bought)) locked.AppendOne(new CheckoutHoldReleased(productId, purchaseId, reason, at));
    }
}
