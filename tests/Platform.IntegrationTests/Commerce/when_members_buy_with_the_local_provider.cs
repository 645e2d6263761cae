using System.Net;
using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Commerce;

public sealed class LocalShopApp : PlatformApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Payments:RenewalGracePeriod"] = "00:00:02",
    };
}

/// <summary>The embedded payment provider end to end, through GraphQL and its hosted pages, as a buyer and a creator use it.</summary>
public sealed class when_members_buy_with_the_local_provider(LocalShopApp app) : IClassFixture<LocalShopApp>
{
    private readonly Shops shops = new(app);

    private Task<Shop> OpenShop(long amount = 4900, string currency = "eur", string interval = "ONE_TIME", int? seatLimit = null, bool sellMembership = false,
        int trialDays = 0) =>
        shops.Open(amount, currency, interval, seatLimit, sellMembership, trialDays);

    private Task<GraphQLClient> Member(Shop shop) => shops.Member(shop);

    private static string NewUser(string prefix) => Shops.NewUser(prefix);

    private const string StartCheckout = Shops.StartCheckout;
    private const string Pay = Shops.Pay;
    private const string PurchaseQuery = Shops.PurchaseQuery;

    private static Task<string> Checkout(GraphQLClient buyer, Shop shop, string? coupon = null) => Shops.Checkout(buyer, shop, coupon);

    private static Task<JsonElement> Bought(GraphQLClient buyer, Shop shop, string outcome = "SUCCEEDED") => Shops.Bought(buyer, shop, outcome);

    private static Task<JsonElement> Eventually(Func<Task<JsonElement>> read, Func<JsonElement, bool> done) => Shops.Eventually(read, done);

    /// <summary>The provider's test clock reaches the end of the subscription's period: it bills the next one with the given test card.</summary>
    private static async Task<JsonElement> Renew(GraphQLClient buyer, string? subscriptionId, string outcome) =>
        (await buyer.Data("mutation($s: ID!, $o: LocalPaymentOutcome!) { renewLocalSubscription(subscriptionId: $s, outcome: $o) { status trialEndsAt currentPeriodEnd endReason } }",
            new { s = subscriptionId, o = outcome })).GetProperty("renewLocalSubscription");

    private static async Task<JsonElement[]> Purchases(GraphQLClient buyer) =>
        [.. (await buyer.Data("{ myPurchases { nodes { id status gross { amount } disputed { amount } } } }")).GetProperty("myPurchases").GetProperty("nodes").EnumerateArray()];

    private static async Task<string[]> Learning(GraphQLClient buyer) =>
        [.. (await buyer.Data("{ myLearning { nodes { course { id } revokedAt } } }")).GetProperty("myLearning").GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("revokedAt").ValueKind == JsonValueKind.Null).Select(n => n.GetProperty("course").GetProperty("id").GetString()!)];

    [Fact]
    public async Task a_paid_checkout_enrols_the_buyer_and_writes_both_parts_of_the_split_on_the_payment()
    {
        var shop = await OpenShop(amount: 4900);
        var buyer = await Member(shop);
        var checkout = (await buyer.Data(StartCheckout, new { p = shop.ProductId })).GetProperty("startCheckout");
        Assert.Equal("PENDING", checkout.GetProperty("status").GetString());
        Assert.Contains("/payments/local/checkout/", checkout.GetProperty("url").GetString());
        Assert.Empty(await Learning(buyer));

        var paid = (await buyer.Data(Pay, new { c = checkout.GetProperty("checkoutId").GetString(), o = "SUCCEEDED" })).GetProperty("completeLocalPayment");
        Assert.Equal("PAID", paid.GetProperty("status").GetString());
        Assert.Equal((4900, 735, 4165), (paid.GetProperty("gross").GetProperty("amount").GetInt64(),
            paid.GetProperty("platformFee").GetProperty("amount").GetInt64(), paid.GetProperty("creatorShare").GetProperty("amount").GetInt64()));
        Assert.Equal([shop.ProductId], await Learning(buyer));

        var purchaseId = Guid.Parse(paid.GetProperty("id").GetString()!);
        var payment = Assert.Single((await app.EventsOf(purchaseId)).Select(e => e.Data).OfType<PaymentSucceeded>());
        Assert.Equal((4900L, 735L, 4165L), (payment.Gross, payment.PlatformFee, payment.CreatorShare));
        var buyerId = Guid.Parse((await buyer.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!);
        var enrolled = Assert.Single((await app.EventsOf(DeterministicId.Enrolment(Guid.Parse(shop.ProductId), buyerId))).Select(e => e.Data).OfType<Enrolled>());
        Assert.Equal(EnrolmentSource.Purchase, enrolled.Source);

        // Paying the same checkout again changes nothing; buying what one has is refused.
        await buyer.Data(Pay, new { c = purchaseId, o = "SUCCEEDED" });
        Assert.Single((await app.EventsOf(purchaseId)).Select(e => e.Data).OfType<PaymentSucceeded>());
        Assert.Equal("CONFLICT", (await buyer.Send(StartCheckout, new { p = shop.ProductId })).FirstErrorCode);

        // The buyer, the creator and finance see the receipt; another member does not learn it exists.
        foreach (var reader in new[] { buyer, app.Client(shop.Creator), app.Client(NewUser("fin"), "finance") })
            Assert.Equal("PAID", (await reader.Data(PurchaseQuery, new { id = purchaseId })).GetProperty("purchase").GetProperty("status").GetString());
        Assert.Equal("NOT_FOUND", (await app.Client(NewUser("other")).Send(PurchaseQuery, new { id = purchaseId })).FirstErrorCode);
        var mine = (await buyer.Data("{ myPurchases { nodes { id status } } }")).GetProperty("myPurchases").GetProperty("nodes");
        Assert.Equal(purchaseId.ToString(), Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task a_declined_card_charges_nothing_enrols_no_one_and_the_same_checkout_can_still_be_paid()
    {
        var shop = await OpenShop();
        var buyer = await Member(shop);
        var checkoutId = await Checkout(buyer, shop);
        var declined = (await buyer.Data(Pay.Replace("{ id status", "{ id status failureReason"), new { c = checkoutId, o = "DECLINED" })).GetProperty("completeLocalPayment");
        Assert.Equal(("FAILED", "generic_decline"), (declined.GetProperty("status").GetString(), declined.GetProperty("failureReason").GetString()));
        Assert.Equal(0, declined.GetProperty("gross").GetProperty("amount").GetInt64());
        Assert.Empty(await Learning(buyer));
        Assert.Empty((await app.EventsOf(Guid.Parse(checkoutId))).Select(e => e.Data).OfType<PaymentSucceeded>());
        Assert.Equal("PAYMENT_REQUIRED", (await buyer.Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = shop.ProductId })).FirstErrorCode);

        var retried = (await buyer.Data(Pay.Replace("{ id status", "{ id status failureReason"), new { c = checkoutId, o = "SUCCEEDED" })).GetProperty("completeLocalPayment");
        Assert.Equal(("PAID", System.Text.Json.JsonValueKind.Null), (retried.GetProperty("status").GetString(), retried.GetProperty("failureReason").ValueKind));
        Assert.Equal([shop.ProductId], await Learning(buyer));
    }

    [Fact]
    public async Task refunds_take_back_at_most_what_is_left_and_the_last_one_revokes_access()
    {
        var shop = await OpenShop(amount: 1000);
        var buyer = await Member(shop);
        var purchaseId = (await Bought(buyer, shop)).GetProperty("id").GetString()!;
        var creator = app.Client(shop.Creator);
        const string refund = "mutation($p: ID!, $a: Long) { refundPurchase(purchaseId: $p, input: { amount: $a, reason: \"late delivery\" }) { status refundable { amount } refunds { status } } }";

        Assert.Equal("FORBIDDEN", (await buyer.Send(refund, new { p = purchaseId, a = 100 })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await creator.Send(refund, new { p = purchaseId, a = 1001 })).FirstErrorCode);
        var pending = (await creator.Data(refund, new { p = purchaseId, a = 333 })).GetProperty("refundPurchase");
        Assert.Equal(667, pending.GetProperty("refundable").GetProperty("amount").GetInt64());
        var partly = await Eventually(async () => (await buyer.Data(PurchaseQuery, new { id = purchaseId })).GetProperty("purchase"),
            p => p.GetProperty("status").GetString() == "PARTIALLY_REFUNDED");
        Assert.Equal(333, partly.GetProperty("refunded").GetProperty("amount").GetInt64());
        Assert.Equal([shop.ProductId], await Learning(buyer));

        // Finance refunds the rest (no amount: all that is left).
        await app.Client(NewUser("fin"), "finance").Data(refund, new { p = purchaseId, a = (long?)null });
        var refunded = await Eventually(async () => (await buyer.Data(PurchaseQuery, new { id = purchaseId })).GetProperty("purchase"),
            p => p.GetProperty("status").GetString() == "REFUNDED");
        Assert.Equal(1000, refunded.GetProperty("refunded").GetProperty("amount").GetInt64());
        Assert.Empty(await Learning(buyer));
        Assert.Equal("CONFLICT", (await creator.Send(refund, new { p = purchaseId, a = (long?)null })).FirstErrorCode);

        var parts = (await app.EventsOf(Guid.Parse(purchaseId))).Select(e => e.Data).OfType<PaymentRefunded>().ToList();
        Assert.Equal((1000L, 150L, 850L), (parts.Sum(p => p.Amount), parts.Sum(p => p.PlatformFeeReversed), parts.Sum(p => p.CreatorShareReversed)));
    }

    [Fact]
    public async Task a_payment_disputed_and_lost_is_marked_disputed_and_access_goes()
    {
        var shop = await OpenShop(amount: 2500);
        var buyer = await Member(shop);
        var disputed = await Bought(buyer, shop, "DISPUTED");
        Assert.Equal("DISPUTED", disputed.GetProperty("status").GetString());
        Assert.Equal(2500, disputed.GetProperty("disputed").GetProperty("amount").GetInt64());
        Assert.Empty(await Learning(buyer));
        var closed = Assert.Single((await app.EventsOf(Guid.Parse(disputed.GetProperty("id").GetString()!))).Select(e => e.Data).OfType<DisputeClosed>());
        Assert.Equal((false, 375L, 2125L), (closed.Won, closed.PlatformFeeReversed, closed.CreatorShareReversed));
    }

    [Fact]
    public async Task a_payment_disputed_and_won_stays_paid_keeps_access_and_can_still_be_refunded()
    {
        var shop = await OpenShop(amount: 2500);
        var buyer = await Member(shop);
        var won = await Bought(buyer, shop, "DISPUTED_WON");
        var id = won.GetProperty("id").GetString()!;
        var history = (await app.EventsOf(Guid.Parse(id))).Select(e => e.Data).ToList();
        var refundable = (await buyer.Data(Shops.PurchaseQuery, new { id })).GetProperty("purchase").GetProperty("refundable").GetProperty("amount").GetInt64();
        Assert.Equal("PAID", won.GetProperty("status").GetString());
        Assert.Equal((0L, 2500L), (won.GetProperty("disputed").GetProperty("amount").GetInt64(), refundable));
        Assert.Single(await Learning(buyer));
        Assert.Single(history.OfType<DisputeOpened>());
        var closed = Assert.Single(history.OfType<DisputeClosed>());
        Assert.Equal((true, 0L, 0L), (closed.Won, closed.PlatformFeeReversed, closed.CreatorShareReversed));
    }

    [Fact]
    public async Task a_membership_subscription_renews_and_a_failed_renewal_ends_it_after_the_grace_period()
    {
        var shop = await OpenShop(amount: 1500, interval: "MONTH", sellMembership: true);
        var buyer = app.Client(NewUser("subscriber"));
        Assert.Equal("PAYMENT_REQUIRED", (await buyer.Send("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.CommunityId })).FirstErrorCode);
        await Bought(buyer, shop);
        await app.WaitForProjections(); // the community page itself is an async read model
        const string membership = "query($c: ID!) { community(id: $c) { viewerMembership { status } } }";
        Assert.Equal("ACTIVE", (await buyer.Data(membership, new { c = shop.CommunityId })).GetProperty("community").GetProperty("viewerMembership").GetProperty("status").GetString());
        const string subscriptions = "{ mySubscriptions { id status currentPeriodEnd cancelsAt } }";
        var subscription = Assert.Single((await buyer.Data(subscriptions)).GetProperty("mySubscriptions").EnumerateArray());
        Assert.Equal("ACTIVE", subscription.GetProperty("status").GetString());
        var id = subscription.GetProperty("id").GetString();
        var firstEnd = subscription.GetProperty("currentPeriodEnd").GetDateTimeOffset();

        var renewed = await Renew(buyer, id, "SUCCEEDED");
        Assert.Equal(firstEnd.AddMonths(1), renewed.GetProperty("currentPeriodEnd").GetDateTimeOffset());
        Assert.Equal(2, (await Purchases(buyer)).Count(p => p.GetProperty("status").GetString() == "PAID" && p.GetProperty("gross").GetProperty("amount").GetInt64() == 1500));

        var failed = await Renew(buyer, id, "DECLINED");
        Assert.Equal("PAST_DUE", failed.GetProperty("status").GetString());
        // Grace is 2 s in this fixture: then the subscription ends, and the membership with it.
        await Eventually(async () => Assert.Single((await buyer.Data(subscriptions)).GetProperty("mySubscriptions").EnumerateArray()),
            s => s.GetProperty("status").GetString() == "ENDED");
        Assert.Equal("LEFT", (await buyer.Data(membership, new { c = shop.CommunityId })).GetProperty("community").GetProperty("viewerMembership").GetProperty("status").GetString());
    }

    [Fact]
    public async Task cancelling_keeps_access_to_the_end_of_the_paid_period()
    {
        var shop = await OpenShop(amount: 900, interval: "YEAR", sellMembership: true);
        var buyer = app.Client(NewUser("subscriber"));
        await Bought(buyer, shop);
        await app.WaitForProjections();
        var id = Assert.Single((await buyer.Data("{ mySubscriptions { id } }")).GetProperty("mySubscriptions").EnumerateArray()).GetProperty("id").GetString();
        Assert.Equal("NOT_FOUND", (await app.Client(NewUser("other")).Send("mutation($s: ID!) { cancelSubscription(subscriptionId: $s) { id } }", new { s = id })).FirstErrorCode);
        var cancelled = (await buyer.Data("mutation($s: ID!) { cancelSubscription(subscriptionId: $s) { status cancelsAt currentPeriodEnd } }", new { s = id }))
            .GetProperty("cancelSubscription");
        Assert.Equal("ACTIVE", cancelled.GetProperty("status").GetString());
        Assert.Equal(cancelled.GetProperty("currentPeriodEnd").GetDateTimeOffset(), cancelled.GetProperty("cancelsAt").GetDateTimeOffset());
        Assert.Equal("ACTIVE", (await buyer.Data("query($c: ID!) { community(id: $c) { viewerMembership { status } } }", new { c = shop.CommunityId }))
            .GetProperty("community").GetProperty("viewerMembership").GetProperty("status").GetString());
    }

    [Fact]
    public async Task the_test_clock_ends_a_subscription_cancelled_at_period_end_instead_of_billing_it()
    {
        var shop = await OpenShop(amount: 1500, interval: "MONTH", sellMembership: true);
        var buyer = app.Client(NewUser("subscriber"));
        await Bought(buyer, shop);
        await app.WaitForProjections(); // the community page itself is an async read model
        var id = Assert.Single((await buyer.Data("{ mySubscriptions { id } }")).GetProperty("mySubscriptions").EnumerateArray()).GetProperty("id").GetString();
        var cancelled = (await buyer.Data("mutation($s: ID!) { cancelSubscription(subscriptionId: $s) { currentPeriodEnd } }", new { s = id }))
            .GetProperty("cancelSubscription");

        // Stripe invoices no period after one cancelled at its end: its clock reaching that end deletes the subscription.
        var ended = await Renew(buyer, id, "SUCCEEDED");
        Assert.Equal(("ENDED", "canceled"), (ended.GetProperty("status").GetString(), ended.GetProperty("endReason").GetString()));
        Assert.Equal(cancelled.GetProperty("currentPeriodEnd").GetDateTimeOffset(), ended.GetProperty("currentPeriodEnd").GetDateTimeOffset());
        Assert.Single(await Purchases(buyer));
        Assert.Equal("LEFT", (await buyer.Data("query($c: ID!) { community(id: $c) { viewerMembership { status } } }", new { c = shop.CommunityId }))
            .GetProperty("community").GetProperty("viewerMembership").GetProperty("status").GetString());
        Assert.Equal("CONFLICT", (await buyer.Send("mutation($s: ID!) { renewLocalSubscription(subscriptionId: $s, outcome: SUCCEEDED) { status } }", new { s = id }))
            .FirstErrorCode);
    }

    [Fact]
    public async Task the_first_paid_renewal_ends_a_free_trial_and_counts_as_its_conversion()
    {
        var shop = await OpenShop(amount: 999, interval: "YEAR", sellMembership: true, trialDays: 7);
        var buyer = app.Client(NewUser("subscriber"));
        await Bought(buyer, shop);
        var subscription = Assert.Single((await buyer.Data("{ mySubscriptions { id status trialEndsAt } }")).GetProperty("mySubscriptions").EnumerateArray());
        Assert.Equal("TRIALING", subscription.GetProperty("status").GetString());
        var id = subscription.GetProperty("id").GetString();

        // The test clock bills the first year now: the trial is over, as Stripe's would be when its clock reached the trial's end.
        var paid = await Renew(buyer, id, "SUCCEEDED");
        Assert.Equal("ACTIVE", paid.GetProperty("status").GetString());
        Assert.True(paid.GetProperty("trialEndsAt").GetDateTimeOffset() < subscription.GetProperty("trialEndsAt").GetDateTimeOffset());
        Assert.Equal("ACTIVE", (await Renew(buyer, id, "SUCCEEDED")).GetProperty("status").GetString());

        await app.WaitForProjections();
        var report = (await app.Client(shop.Creator).Data("query($c: ID!) { creatorAnalytics(communityId: $c) { trialsEnded trialsConverted } }",
            new { c = shop.CommunityId })).GetProperty("creatorAnalytics");
        Assert.Equal((1, 1), (report.GetProperty("trialsEnded").GetInt32(), report.GetProperty("trialsConverted").GetInt32()));
    }

    [Theory]
    [InlineData("DISPUTED", "DISPUTED", 1500, "ENDED")]
    [InlineData("DISPUTED_WON", "PAID", 0, "ACTIVE")]
    public async Task a_disputed_renewal_is_paid_and_then_disputed_like_a_first_payment(string card, string purchaseStatus, long disputed, string subscriptionStatus)
    {
        var shop = await OpenShop(amount: 1500, interval: "MONTH", sellMembership: true);
        var buyer = app.Client(NewUser("subscriber"));
        var first = (await Bought(buyer, shop)).GetProperty("id").GetString();
        var id = Assert.Single((await buyer.Data("{ mySubscriptions { id } }")).GetProperty("mySubscriptions").EnumerateArray()).GetProperty("id").GetString();

        Assert.Equal(subscriptionStatus, (await Renew(buyer, id, card)).GetProperty("status").GetString());
        var renewal = Assert.Single(await Purchases(buyer), p => p.GetProperty("id").GetString() != first);
        Assert.Equal((purchaseStatus, 1500L, disputed),
            (renewal.GetProperty("status").GetString(), renewal.GetProperty("gross").GetProperty("amount").GetInt64(), renewal.GetProperty("disputed").GetProperty("amount").GetInt64()));
        var history = (await app.EventsOf(Guid.Parse(renewal.GetProperty("id").GetString()!))).Select(e => e.Data).ToList();
        Assert.Single(history.OfType<PaymentSucceeded>());
        Assert.Single(history.OfType<DisputeOpened>());
        Assert.Equal(card == "DISPUTED_WON", Assert.Single(history.OfType<DisputeClosed>()).Won);
    }

    [Fact]
    public async Task a_coupon_discounts_by_its_rule_until_its_redemptions_run_out()
    {
        var shop = await OpenShop(amount: 1999);
        var creator = app.Client(shop.Creator);
        await creator.Data("mutation($p: ID!) { createCoupon(productId: $p, input: { code: \"launch\", percentOff: 25, maxRedemptions: 1 }) { code } }", new { p = shop.ProductId });
        Assert.Equal("CONFLICT", (await creator.Send("mutation($p: ID!) { createCoupon(productId: $p, input: { code: \"LAUNCH\", amountOff: 100 }) { code } }",
            new { p = shop.ProductId })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await creator.Send("mutation($p: ID!) { createCoupon(productId: $p, input: { code: \"HALF\", percentOff: 50, amountOff: 5 }) { code } }",
            new { p = shop.ProductId })).FirstErrorCode);

        var first = await Member(shop);
        var discounted = (await first.Data(StartCheckout, new { p = shop.ProductId, coupon = "Launch" })).GetProperty("startCheckout");
        Assert.Equal(1499, discounted.GetProperty("purchase").GetProperty("amount").GetProperty("amount").GetInt64()); // 1999 − round-half-up(499.75)
        Assert.Equal("CONFLICT", (await (await Member(shop)).Send(StartCheckout, new { p = shop.ProductId, coupon = "LAUNCH" })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await (await Member(shop)).Send(StartCheckout, new { p = shop.ProductId, coupon = "NOPE" })).FirstErrorCode);
    }

    [Fact]
    public async Task two_hundred_concurrent_checkouts_for_ten_seats_never_oversell()
    {
        var shop = await OpenShop(amount: 5000, seatLimit: 10);
        // The buyers join in waves (200 first requests at once can outlast the request timeout on a busy box); their checkouts race together.
        var buyers = new List<GraphQLClient>();
        foreach (var wave in Enumerable.Range(0, 200).Chunk(25)) buyers.AddRange(await Task.WhenAll(wave.Select(_ => Member(shop))));
        var answers = await Task.WhenAll(buyers.Select(b => b.Send(StartCheckout, new { p = shop.ProductId })));
        Assert.Equal(10, answers.Count(a => a.Errors is null));
        Assert.All(answers.Where(a => a.Errors is not null), a => Assert.Equal("CONFLICT", a.FirstErrorCode));

        var winners = buyers.Zip(answers).Where(x => x.Second.Errors is null).ToList();
        await Task.WhenAll(winners.Select(w => w.First.Data(Pay,
            new { c = w.Second.Body.GetProperty("data").GetProperty("startCheckout").GetProperty("checkoutId").GetString(), o = "SUCCEEDED" })));
        var product = (await app.Client(shop.Creator).Data("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 5000, currency: \"eur\", seatLimit: 10 }) { seatsLeft } }",
            new { p = shop.ProductId })).GetProperty("setPrice");
        Assert.Equal(0, product.GetProperty("seatsLeft").GetInt32());
        Assert.Equal("CONFLICT", (await (await Member(shop)).Send(StartCheckout, new { p = shop.ProductId })).FirstErrorCode);
    }

    [Fact]
    public async Task what_is_not_for_sale_or_not_yet_payable_is_refused_with_a_reason()
    {
        var shop = await OpenShop();
        Assert.Equal("FORBIDDEN", (await app.Client(NewUser("stranger")).Send(StartCheckout, new { p = shop.ProductId })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(NewUser("stranger")).Send(StartCheckout, new { p = Guid.NewGuid() })).FirstErrorCode);
        Assert.Equal("UNAUTHENTICATED", (await app.Client().Send(StartCheckout, new { p = shop.ProductId })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await app.Client(shop.Creator).Send("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 0, currency: \"eur\" }) { id } }",
            new { p = shop.ProductId })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await app.Client(shop.Creator).Send("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 100, currency: \"euro\" }) { id } }",
            new { p = shop.ProductId })).FirstErrorCode);

        // A creator who never finished onboarding cannot take money yet.
        var creator = NewUser("seller");
        var client = app.Client(creator);
        var community = (await client.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Paid", slug = $"paid-{Guid.NewGuid():N}"[..20], joinPolicy = "PAID" } })).GetProperty("createCommunity").GetProperty("id").GetString();
        await client.Data("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 300, currency: \"jpy\" }) { price { amount { amount currency } } } }", new { p = community });
        Assert.Equal("CONFLICT", (await app.Client(NewUser("buyer")).Send(StartCheckout, new { p = community })).FirstErrorCode);
    }

    [Fact]
    public async Task the_checkout_page_pays_with_a_test_card_and_an_open_checkout_is_handed_back_not_opened_twice()
    {
        var shop = await OpenShop(amount: 300, currency: "jpy");
        var buyer = await Member(shop);
        var first = await Checkout(buyer, shop);
        Assert.Equal(first, await Checkout(buyer, shop));
        var page = await buyer.Http.GetStringAsync($"/payments/local/checkout/{first}");
        Assert.Contains("300 JPY", page);
        Assert.Contains($"/payments/local/checkout/{first}/DISPUTED_WON'", page); // each test card as completeLocalPayment names it
        var pay = await buyer.Http.PostAsync($"/payments/local/checkout/{first}/SUCCEEDED", null);
        Assert.True(pay.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, pay.StatusCode.ToString());
        var purchase = (await buyer.Data(PurchaseQuery, new { id = first })).GetProperty("purchase");
        Assert.Equal(("PAID", 300L), (purchase.GetProperty("status").GetString(), purchase.GetProperty("gross").GetProperty("amount").GetInt64()));
    }

    [Fact]
    public async Task payout_onboarding_finishes_only_through_the_signed_link_the_creator_was_given()
    {
        var creator = app.Client(NewUser("onboarder"));
        await Given.Community(creator, "Onboarding"); // a creator is who runs a community
        var url = new Uri((await creator.Data("mutation { startPayoutOnboarding { onboardingUrl } }")).GetProperty("startPayoutOnboarding")
            .GetProperty("onboardingUrl").GetString()!);
        var anyone = app.Host.Server.CreateClient();

        // A creator's id is public: the bare address, or another creator's id under this link's signature, changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await anyone.PostAsync(url.AbsolutePath, null)).StatusCode);
        var otherCreator = PlatformApp.UserId(NewUser("someone-else")).ToString();
        var segments = url.AbsolutePath.Split('/');
        Assert.Equal(HttpStatusCode.Forbidden, (await anyone.PostAsync(url.PathAndQuery.Replace(segments[^1], otherCreator), null)).StatusCode);
        Assert.False((await creator.Data("mutation { startPayoutOnboarding { chargesEnabled } }")).GetProperty("startPayoutOnboarding")
            .GetProperty("chargesEnabled").GetBoolean());

        // A later expiry written into the link breaks its signature too.
        var later = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds().ToString();
        Assert.Equal(HttpStatusCode.Forbidden, (await anyone.PostAsync(System.Text.RegularExpressions.Regex.Replace(url.PathAndQuery, "expires=[0-9]+", $"expires={later}"), null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anyone.PostAsync(url.PathAndQuery, null)).StatusCode);
        Assert.True(await Given.Eventually(async () => (await creator.Data("mutation { startPayoutOnboarding { chargesEnabled } }"))
            .GetProperty("startPayoutOnboarding").GetProperty("chargesEnabled").GetBoolean(), enabled => enabled));
    }

    [Fact]
    public async Task the_stripe_webhook_refuses_everything_when_no_signing_secret_is_configured()
    {
        var response = await app.Client().Http.PostAsync("/webhooks/stripe", new StringContent("{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
