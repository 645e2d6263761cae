using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.Communities;
using Platform.Api.GraphQL;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Communities;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Projections.Payouts;

namespace Platform.Api.Commerce;

/// <summary>Opens a checkout; the purchase id is chosen by the caller so a retried command reaches the same provider session.</summary>
public sealed record StartCheckout(Guid PurchaseId, Guid ProductId, Guid? PriceId, string? CouponCode, Guid BuyerId);

public static class StartCheckoutField
{
    public static void AddStartCheckout(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CheckoutGraphType>>("startCheckout")
            .Description("Opens a checkout at the product's price (less the coupon), or hands back the caller's open one on the same terms.")
            .Argument<NonNullGraphType<StartCheckoutInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<StartCheckoutInput>("input");
                var command = new StartCheckout(Guid.CreateVersion7(), MalformedIdMiddleware.InputId(input.ProductId, "productId"),
                    input.PriceId is { } price ? MalformedIdMiddleware.InputId(price, "priceId") : null, input.CouponCode, c.UserId());
                var checkoutId = await c.Commands().InvokeAsync<Guid>(command, c.CancellationToken);
                return await c.Reads().LoadAsync<PurchaseView>(checkoutId, c.CancellationToken);
            });
}

public static class StartCheckoutHandler
{
    /// <summary>Returns the checkout the buyer should pay: the one opened here, or their open one on the same terms.</summary>
    public static async Task<Guid> Handle(StartCheckout command, IDocumentSession session, IPaymentProvider provider, PaymentOptions options,
        TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var subject = await Product.Subject(session, command.ProductId, cancellation);
        // The community, the buyer's membership and enrolment, the product's prices and the fee policy, in one round trip.
        var productStreamId = DeterministicId.Product(command.ProductId);
        var batch = session.CreateBatchQuery();
        var loadingCommunity = batch.Events.FetchLatest<Community>(subject.CommunityId);
        var loadingMembership = batch.Load<MembershipView>(DeterministicId.Membership(subject.CommunityId, command.BuyerId));
        var loadingEnrolment = subject.Kind == ProductKind.Course
            ? batch.Load<EnrolmentView>(DeterministicId.Enrolment(subject.ProductId, command.BuyerId))
            : Task.FromResult<EnrolmentView?>(null);
        var loadingProduct = batch.Load<ProductView>(productStreamId);
        var loadingFeePolicy = batch.Load<Projections.Analytics.FeePolicyView>(subject.CommunityId);
        await batch.Execute(cancellation);
        var community = await loadingCommunity ?? throw DomainException.NotFound("The community");
        var buyer = await Standing(session, subject, community, command.BuyerId, await loadingMembership, await loadingEnrolment, cancellation);
        var product = await loadingProduct ?? throw DomainException.Conflict("This product has no price.");
        var terms = Product.Terms(product, subject, buyer, command.PriceId, command.CouponCode, now);
        // One open checkout per buyer and product: concurrent calls queue here and each sees the checkout the one before opened.
        await PurchaseSlot.Lock(session, command.BuyerId, command.ProductId, cancellation);
        // Under the lock, in one round trip: the buyer's purchases of the product, and the creator's payout account.
        var underLock = session.CreateBatchQuery();
        var loadingPurchases = underLock.Query<PurchaseView>().Where(p => p.BuyerId == command.BuyerId && p.ProductId == command.ProductId).ToList();
        var loadingAccount = underLock.Load<PayoutAccountView>(DeterministicId.PayoutAccount(community.CreatorId));
        await underLock.Execute(cancellation);
        var buyersPurchases = await loadingPurchases;
        if (buyersPurchases.FirstOrDefault(p => p.Id == command.PurchaseId) is { } retried) return retried.Id;
        // A click that lands after the payment (before its enrolment is written) is told so, rather than given a second checkout.
        if (buyersPurchases.Any(PurchaseSlot.Owns)) throw DomainException.Conflict("You have bought this already.");
        var replaced = PurchaseSlot.OpenCheckout(buyersPurchases, now);
        if (replaced is not null && SameOpenCheckout(replaced, terms, now)) return replaced.Id;
        // New terms (another coupon, a new price) replace the open checkout rather than open a second one beside it.
        if (replaced is not null) session.Events.Append(replaced.Id, new CheckoutExpired(replaced.Id, $"replaced by checkout {command.PurchaseId}", now));

        var replacedHold = replaced is not null && product.Holds.Any(h => h.PurchaseId == replaced.Id);
        if (terms.NeedsHold || replacedHold)
        {
            // Seats and coupon redemptions are counted under the product stream's row lock: concurrent checkouts queue here,
            // and each decides on the holds of those before it, so nothing is sold twice. A replaced checkout's hold is freed first.
            var locked = await session.Events.FetchForExclusiveWriting<ProductView>(productStreamId, cancellation);
            var current = locked.Aggregate!;
            if (replaced is not null && current.Holds.Any(h => h.PurchaseId == replaced.Id))
            {
                var released = new CheckoutHoldReleased(command.ProductId, replaced.Id, "replaced by a new checkout", now);
                locked.AppendOne(released);
                current = JsonSerializer.Deserialize<ProductView>(JsonSerializer.Serialize(current))!; // the fetched aggregate is not ours to change
                ProductViewProjection.Apply(released, current);
            }
            if (terms.NeedsHold)
            {
                terms = Product.Terms(current, subject, buyer, command.PriceId, command.CouponCode, now);
                locked.AppendOne(new CheckoutHeld(command.ProductId, command.PurchaseId, terms.TakesSeat, terms.Coupon?.Id, now));
            }
        }

        var account = await loadingAccount;
        if (account is not { ChargesEnabled: true })
            throw DomainException.Conflict("The creator cannot take payments yet: their payout account is not set up.");
        var feePercent = Analytics.FeePolicy.InForce(await loadingFeePolicy, community.FeePercent, now);
        var fee = MoneySplit.Of(terms.Amount, feePercent).PlatformFee;
        var subscriptionId = terms.Price.Interval == PriceInterval.OneTime ? (Guid?)null : DeterministicId.Subscription(command.PurchaseId);
        var expiresAt = now + options.CheckoutLifetime;
        var checkout = await provider.StartCheckout(new CheckoutRequest(command.PurchaseId, subscriptionId, subject.Name, terms.Amount,
            terms.Price.Currency, terms.Price.Interval, terms.Price.TrialDays, fee, feePercent, account.ProviderAccountId, expiresAt), cancellation);
        session.Events.StartStream<PurchaseView>(command.PurchaseId, new CheckoutStarted(command.PurchaseId, command.ProductId, subject.Kind,
            subject.CommunityId, community.CreatorId, command.BuyerId, terms.Price.Id, terms.Price.Interval, terms.Price.TrialDays, terms.Price.Amount,
            terms.Discount, terms.Amount, terms.Price.Currency, feePercent, terms.Coupon?.Id, subscriptionId, provider.Name,
            checkout.ProviderCheckoutId, checkout.Url, expiresAt, now));
        return command.PurchaseId;
    }

    /// <summary>An open checkout of the buyer on the same terms is handed back rather than opened twice.</summary>
    private static bool SameOpenCheckout(PurchaseView purchase, CheckoutTerms terms, DateTimeOffset now) =>
        !purchase.IsPaid && purchase.FailureReason is null && purchase.ExpiredAt is null && purchase.ExpiresAt > now
        && purchase.PriceId == terms.Price.Id && purchase.CouponId == terms.Coupon?.Id;

    /// <summary>A course is bought by active members of its community; a community by anyone not banned (and, for a sub-community, its parent's members).</summary>
    private static async Task<BuyerStanding> Standing(IDocumentSession session, ProductSubject subject, Community community, Guid buyerId,
        MembershipView? membership, EnrolmentView? enrolment, CancellationToken cancellation)
    {
        if (community.CreatorId == buyerId) return new BuyerStanding(true, false, "This is your own community.");
        if (membership?.Status == MembershipStatus.Banned) return new BuyerStanding(false, false, "You are banned from this community.");
        if (subject.Kind == ProductKind.Community)
            return new BuyerStanding(membership?.Status == MembershipStatus.Active,
                await CommunitiesAccess.IsActiveMemberOfParent(session, community, buyerId, cancellation), "Join the parent community first.");
        return new BuyerStanding(enrolment is { RevokedAt: null }, membership?.Status == MembershipStatus.Active, "Join the course's community first.");
    }
}
