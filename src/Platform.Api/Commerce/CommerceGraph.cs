using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Identity.Graph;
using Platform.Api.Courses;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Identity;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Commerce;

public sealed record Money(long Amount, string Currency);

public sealed class MoneyGraphType : ObjectGraphType<Money>
{
    public MoneyGraphType()
    {
        Name = "Money";
        Description = "An amount in the currency's minor unit (cents; yen for JPY), and the currency in lower-case ISO 4217.";
        Field<NonNullGraphType<LongGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field(m => m.Currency);
    }
}

public sealed class PriceGraphType : ObjectGraphType<PriceView>
{
    public PriceGraphType()
    {
        Name = "Price";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<EnumerationGraphType<PriceInterval>>>("interval").Resolve(c => c.Source.Interval);
        Field(p => p.TrialDays);
        Field(p => p.SetAt);
    }
}

public sealed class CouponGraphType : ObjectGraphType<CouponView>
{
    public CouponGraphType()
    {
        Name = "Coupon";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(c => c.Code);
        Field(c => c.PercentOff, nullable: true);
        Field<LongGraphType>("amountOff").Description("In the minor unit of the product's price.").Resolve(c => c.Source.AmountOff);
        Field(c => c.ExpiresAt, nullable: true);
        Field(c => c.MaxRedemptions, nullable: true);
    }
}

public sealed class ProductGraphType : ObjectGraphType<ProductView>
{
    public ProductGraphType()
    {
        Name = "Product";
        Description = "A course or a community membership for sale. Its id is the course's or the community's id.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.ProductId);
        Field<NonNullGraphType<EnumerationGraphType<ProductKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<PriceGraphType>("price").Description("The price new checkouts get.").Resolve(c => c.Source.CurrentPrice);
        Field(p => p.SeatLimit, nullable: true);
        Field<IntGraphType>("seatsLeft").Description("Null without a seat limit.").Resolve(c => c.Source.SeatLimit - c.Source.SeatsTaken);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouponGraphType>>>>("coupons")
            .Description("The product's coupons: for its creator only (empty for anyone else).")
            .Resolve(c => c.Caller().Holds(Role.Creator, c.Source.CommunityId) ? c.Source.Coupons : []);
    }
}

public sealed class RefundGraphType : ObjectGraphType<RefundView>
{
    public RefundGraphType()
    {
        Name = "Refund";
        Field<IdGraphType>("id").Description("Null for a refund made at the provider directly.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<RefundStatus>>>("status").Resolve(c => c.Source.Status);
        Field(r => r.Reason, nullable: true);
        Field<IdGraphType>("requestedBy").Resolve(c => c.Source.RequestedBy);
        Field(r => r.At);
    }
}

public sealed class DisputeGraphType : ObjectGraphType<DisputeView>
{
    public DisputeGraphType()
    {
        Name = "Dispute";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.ProviderDisputeId);
        Field(d => d.Reason);
        Field<NonNullGraphType<StringGraphType>>("status").Description("OPEN, WON or LOST.")
            .Resolve(c => c.Source.Won switch { null => "OPEN", true => "WON", false => "LOST" });
        Field(d => d.OpenedAt);
        Field(d => d.ClosedAt, nullable: true);
    }
}

public sealed class PurchaseGraphType : ObjectGraphType<PurchaseView>
{
    public PurchaseGraphType()
    {
        Name = "Purchase";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<PurchaseStatus>>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<MoneyGraphType>>("listPrice").Resolve(c => Money(c, c.Source.ListAmount));
        Field<NonNullGraphType<MoneyGraphType>>("discount").Resolve(c => Money(c, c.Source.Discount));
        Field<NonNullGraphType<MoneyGraphType>>("amount").Description("What the buyer is asked to pay.").Resolve(c => Money(c, c.Source.Amount));
        Field<NonNullGraphType<MoneyGraphType>>("gross").Description("What was paid; zero until paid.").Resolve(c => Money(c, c.Source.Gross));
        Field<NonNullGraphType<MoneyGraphType>>("platformFee").Resolve(c => Money(c, c.Source.PlatformFee));
        Field<NonNullGraphType<MoneyGraphType>>("creatorShare").Resolve(c => Money(c, c.Source.CreatorShare));
        Field<NonNullGraphType<MoneyGraphType>>("refunded").Resolve(c => Money(c, c.Source.Refunded));
        Field<NonNullGraphType<MoneyGraphType>>("disputed").Resolve(c => Money(c, c.Source.Disputed));
        Field<NonNullGraphType<MoneyGraphType>>("refundable").Description("What may still be refunded.")
            .Resolve(c => Money(c, c.Source.IsPaid ? Math.Max(0, Payments.Refundable(c.Source)) : 0));
        Field<NonNullGraphType<IntGraphType>>("feePercent").Resolve(c => c.Source.FeePercent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RefundGraphType>>>>("refunds").Resolve(c => c.Source.Refunds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DisputeGraphType>>>>("disputes").Resolve(c => c.Source.Disputes);
        Field<NonNullGraphType<ProductGraphType>>("product").ResolveAsync(async c =>
            await c.Reads().LoadAsync<ProductView>(DeterministicId.Product(c.Source.ProductId), c.CancellationToken));
        Field<NonNullGraphType<IdGraphType>>("productId").Resolve(c => c.Source.ProductId);
        Field<UserGraphType>("buyer").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.BuyerId, c.CancellationToken));
        Field<SubscriptionGraphType>("subscription").ResolveAsync(async c =>
            c.Source.SubscriptionId is { } id ? await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken) : null);
        Field<StringGraphType>("checkoutUrl").Description("Where the buyer pays, while the checkout is open.")
            .Resolve(c => c.Source.Status == PurchaseStatus.Pending ? c.Source.CheckoutUrl : null);
        Field(p => p.FailureReason, nullable: true);
        Field(p => p.CreatedAt);
        Field(p => p.PaidAt, nullable: true);
        Field(p => p.ExpiresAt, nullable: true);
    }

    private static Money Money(IResolveFieldContext<PurchaseView> c, long amount) => new(amount, c.Source.Currency);
}

public sealed class CheckoutGraphType : ObjectGraphType<PurchaseView>
{
    public CheckoutGraphType()
    {
        Name = "Checkout";
        Field<NonNullGraphType<IdGraphType>>("checkoutId").Description("Also the purchase's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.CheckoutUrl);
        Field<NonNullGraphType<EnumerationGraphType<PurchaseStatus>>>("status").Resolve(c => c.Source.Status);
        Field(p => p.ExpiresAt, nullable: true);
        Field<NonNullGraphType<PurchaseGraphType>>("purchase").Resolve(c => c.Source);
    }
}

public sealed class SubscriptionGraphType : ObjectGraphType<SubscriptionView>
{
    public SubscriptionGraphType()
    {
        Name = "PaidSubscription";
        Description = "A recurring purchase (the root type Subscription is for live updates).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<SubscriptionStatus>>>("status")
            .Resolve(c => c.Source.Status(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
        Field<NonNullGraphType<IdGraphType>>("productId").Resolve(c => c.Source.ProductId);
        Field<NonNullGraphType<EnumerationGraphType<ProductKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<MoneyGraphType>>("price").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<EnumerationGraphType<PriceInterval>>>("interval").Resolve(c => c.Source.Interval);
        Field(s => s.StartedAt);
        Field(s => s.TrialEndsAt, nullable: true);
        Field(s => s.CurrentPeriodEnd);
        Field(s => s.CancelsAt, nullable: true).Description("Set once cancelled: access lasts until then.");
        Field(s => s.EndedAt, nullable: true);
        Field(s => s.EndReason, nullable: true);
    }
}

public sealed class PayoutAccountGraphType : ObjectGraphType<PayoutAccountView>
{
    public PayoutAccountGraphType()
    {
        Name = "PayoutAccount";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(a => a.Provider);
        Field(a => a.ChargesEnabled);
        Field(a => a.PayoutsEnabled);
        Field(a => a.RequirementsDue);
        Field<StringGraphType>("onboardingUrl").Description("Set on the answer to startPayoutOnboarding: where to finish onboarding.")
            .Resolve(c => c.UserContext.TryGetValue(OnboardingUrlKey, out var url) ? url as string : null);
    }

    public const string OnboardingUrlKey = "platform.onboardingUrl";
}

public sealed class SetPriceInputGraphType : InputObjectGraphType
{
    public SetPriceInputGraphType()
    {
        Name = "SetPriceInput";
        Field<NonNullGraphType<LongGraphType>>("amount").Description("In the currency's minor unit.");
        Field<NonNullGraphType<StringGraphType>>("currency");
        Field<EnumerationGraphType<PriceInterval>>("interval").DefaultValue(PriceInterval.OneTime);
        Field<IntGraphType>("trialDays").DefaultValue(0);
        Field<IntGraphType>("seatLimit").Description("At most this many buyers (a cohort course); null for no limit.");
    }
}

public sealed class CreateCouponInputGraphType : InputObjectGraphType
{
    public CreateCouponInputGraphType()
    {
        Name = "CreateCouponInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<IntGraphType>("percentOff");
        Field<LongGraphType>("amountOff").Description("In the minor unit of the product's price.");
        Field<DateTimeOffsetGraphType>("expiresAt");
        Field<IntGraphType>("maxRedemptions");
    }
}

public sealed class StartCheckoutInputGraphType : InputObjectGraphType
{
    public StartCheckoutInputGraphType()
    {
        Name = "StartCheckoutInput";
        Field<NonNullGraphType<IdGraphType>>("productId");
        Field<IdGraphType>("priceId").Description("The price the buyer saw; refused if it is no longer offered.");
        Field<StringGraphType>("couponCode");
    }
}

public sealed class RefundPurchaseInputGraphType : InputObjectGraphType
{
    public RefundPurchaseInputGraphType()
    {
        Name = "RefundPurchaseInput";
        Field<LongGraphType>("amount").Description("In the purchase currency's minor unit; omitted means all that is left.");
        Field<NonNullGraphType<StringGraphType>>("reason");
    }
}

/// <summary>What "own" means for commerce (ACCESS-MATRIX.md).</summary>
public static class CommerceOwnerships
{
    /// <summary>The creator of the community that sells the product (a course or the community itself).</summary>
    public static Ownership ProductCreator(string argument) =>
        new($"the creator of the product in '{argument}'", async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>(argument), out var id)) return false;
            var reads = context.Reads();
            var communityId = (await reads.LoadAsync<CourseOutline>(id, context.CancellationToken))?.CommunityId ?? id;
            return caller.Holds(Role.Creator, communityId);
        });

    /// <summary>The buyer of the purchase named by <paramref name="argument"/>, or (with <paramref name="creatorToo"/>) its product's creator.</summary>
    public static Ownership PurchaseParty(string argument, bool buyer, bool creator) =>
        new($"{(buyer ? "the buyer" : "")}{(buyer && creator ? " or " : "")}{(creator ? "the product's creator" : "")} of the purchase in '{argument}'",
            async (context, caller) =>
                Guid.TryParse(context.GetArgument<string?>(argument), out var id)
                && await context.Reads().LoadAsync<PurchaseView>(id, context.CancellationToken) is { } purchase
                && (buyer && purchase.BuyerId == caller.UserId || creator && caller.Holds(Role.Creator, purchase.CommunityId)),
            HideOthers: true);

    public static readonly Ownership Subscriber = new("the subscriber of the subscription in 'subscriptionId'", async (context, caller) =>
        Guid.TryParse(context.GetArgument<string?>("subscriptionId"), out var id)
        && (await context.Reads().LoadAsync<SubscriptionView>(id, context.CancellationToken))?.BuyerId is { } buyer && buyer == caller.UserId,
        HideOthers: true);
}

public static class CommerceGraph
{
    public static void AddCommerceQueries(this ObjectGraphType query)
    {
        query.Field<PurchaseGraphType>("purchase")
            .Description("A purchase (RCPT): for its buyer, its product's creator and finance.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeOffsetGraphType>("asOf", "Answer as the purchase stood at this moment, replaying its events up to then.")
            .AllowOwn(CommerceOwnerships.PurchaseParty("id", buyer: true, creator: true), Audience.Member, Audience.Creator, Audience.Moderator, Audience.Admin)
            .Allow(Audience.Finance)
            .ResolveAsync(async c => await Ledger.LedgerGraph.AsOf<PurchaseView>(c, c.IdArgument("id")) ?? throw DomainException.NotFound("The purchase"));

        query.Field<NonNullGraphType<ConnectionGraphType<PurchaseGraphType, PurchaseView>>>("myPurchases")
            .Description("The caller's purchases, newest first: checkouts, renewals, refunds and all.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var buyer = c.UserId();
                return await c.Reads().Query<PurchaseView>().Where(p => p.BuyerId == buyer).NewestFirst(c, p => p.CreatedAt, p => p.Id);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscriptionGraphType>>>>("mySubscriptions")
            .Description("The caller's subscriptions, the newest first.")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var buyer = c.UserId();
                return await c.Reads().Query<SubscriptionView>().Where(s => s.BuyerId == buyer).OrderByDescending(s => s.StartedAt).ToListAsync(c.CancellationToken);
            });
    }

    public static void AddCommerceMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ProductGraphType>>("setPrice")
            .Description("Sets the price new checkouts get. The product is a course (its id) or a community membership (the community's id).")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<SetPriceInputGraphType>>("input")
            .AllowOwn(CommerceOwnerships.ProductCreator("productId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var productId = c.IdArgument("productId");
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                await c.Commands().InvokeAsync(new SetPrice(productId, Guid.CreateVersion7(), (long)input["amount"]!, (string)input["currency"]!,
                    input.GetValueOrDefault("interval") as PriceInterval? ?? PriceInterval.OneTime, input.GetValueOrDefault("trialDays") as int? ?? 0,
                    input.GetValueOrDefault("seatLimit") as int?, c.UserId()), c.CancellationToken);
                return await Product(c, productId);
            });

        mutation.Field<NonNullGraphType<CouponGraphType>>("createCoupon")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<CreateCouponInputGraphType>>("input")
            .AllowOwn(CommerceOwnerships.ProductCreator("productId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var productId = c.IdArgument("productId");
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new CreateCoupon(productId, Guid.CreateVersion7(), (string)input["code"]!, input.GetValueOrDefault("percentOff") as int?,
                    input.GetValueOrDefault("amountOff") as long?, input.GetValueOrDefault("expiresAt") as DateTimeOffset?,
                    input.GetValueOrDefault("maxRedemptions") as int?, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return (await Product(c, productId)).Coupons.Single(x => x.Id == command.CouponId);
            });

        mutation.Field<NonNullGraphType<PayoutAccountGraphType>>("startPayoutOnboarding")
            .Description("Opens the caller's payout account at the payment provider (once) and returns a fresh link to finish its onboarding.")
            .Allow(Audience.Creator)
            .ResolveAsync(async c =>
            {
                var link = await c.Commands().InvokeAsync<PayoutOnboardingLink>(new StartPayoutOnboarding(c.UserId()), c.CancellationToken);
                c.UserContext[PayoutAccountGraphType.OnboardingUrlKey] = link.Url;
                return await c.Reads().LoadAsync<PayoutAccountView>(link.AccountId, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<CheckoutGraphType>>("startCheckout")
            .Description("Opens a checkout at the product's price (less the coupon), or hands back the caller's open one on the same terms.")
            .Argument<NonNullGraphType<StartCheckoutInputGraphType>>("input")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new StartCheckout(Guid.CreateVersion7(), Id(input["productId"], "productId"),
                    input.GetValueOrDefault("priceId") is { } price ? Id(price, "priceId") : null, input.GetValueOrDefault("couponCode") as string, c.UserId());
                var checkoutId = await c.Commands().InvokeAsync<Guid>(command, c.CancellationToken);
                return await c.Reads().LoadAsync<PurchaseView>(checkoutId, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<PurchaseGraphType>>("completeLocalPayment")
            .Description("Only with the embedded payment provider: pays the caller's checkout with a test card (SUCCEEDED, DECLINED, or DISPUTED: paid, then disputed and lost).")
            .Argument<NonNullGraphType<IdGraphType>>("checkoutId")
            .Argument<NonNullGraphType<EnumerationGraphType<LocalPaymentOutcome>>>("outcome")
            .AllowOwn(CommerceOwnerships.PurchaseParty("checkoutId", buyer: true, creator: false), SignedIn)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("checkoutId");
                var purchase = await c.Reads().LoadAsync<PurchaseView>(id, c.CancellationToken) ?? throw DomainException.NotFound("The checkout");
                await LocalPayments.Pay(c.Commands(), purchase, c.GetArgument<LocalPaymentOutcome>("outcome"), Now(c), c.CancellationToken);
                return await c.Reads().LoadAsync<PurchaseView>(id, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<SubscriptionGraphType>>("renewLocalSubscription")
            .Description("Only with the embedded payment provider: bills the caller's subscription's next period now with a test card, as a provider's test clock would.")
            .Argument<NonNullGraphType<IdGraphType>>("subscriptionId")
            .Argument<NonNullGraphType<EnumerationGraphType<LocalPaymentOutcome>>>("outcome")
            .AllowOwn(CommerceOwnerships.Subscriber, SignedIn)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("subscriptionId");
                var subscription = await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken) ?? throw DomainException.NotFound("The subscription");
                await LocalPayments.Renew(c.Commands(), subscription, c.GetArgument<LocalPaymentOutcome>("outcome"), Now(c), c.CancellationToken);
                return await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<SubscriptionGraphType>>("cancelSubscription")
            .Description("Stops renewal; access lasts to the end of the paid period.")
            .Argument<NonNullGraphType<IdGraphType>>("subscriptionId")
            .AllowOwn(CommerceOwnerships.Subscriber, SignedIn)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("subscriptionId");
                await c.Commands().InvokeAsync(new CancelSubscription(id, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<PurchaseGraphType>>("refundPurchase")
            .Description("Gives money back to the buyer, at most what is left; the refund is PENDING until the provider confirms it.")
            .Argument<NonNullGraphType<IdGraphType>>("purchaseId")
            .Argument<NonNullGraphType<RefundPurchaseInputGraphType>>("input")
            .AllowOwn(CommerceOwnerships.PurchaseParty("purchaseId", buyer: false, creator: true), Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("purchaseId");
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                await c.Commands().InvokeAsync(new RefundPurchase(id, Guid.CreateVersion7(), input.GetValueOrDefault("amount") as long?,
                    (string)input["reason"]!, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<PurchaseView>(id, c.CancellationToken);
            });
    }

    /// <summary>The price of a course or community, for its pages (CDET, LAND).</summary>
    public static async Task<PriceView?> PriceOf(IResolveFieldContext context, Guid productId) =>
        (await context.Reads().LoadAsync<ProductView>(DeterministicId.Product(productId), context.CancellationToken))?.CurrentPrice;

    private static async Task<ProductView> Product(IResolveFieldContext context, Guid productId) =>
        await context.Reads().LoadAsync<ProductView>(DeterministicId.Product(productId), context.CancellationToken)
        ?? throw DomainException.NotFound("The product");

    private static DateTimeOffset Now(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();

    private static Guid Id(object? value, string name) =>
        Guid.TryParse(value as string, out var id) ? id : throw DomainException.NotFound($"'{name}'");
}
