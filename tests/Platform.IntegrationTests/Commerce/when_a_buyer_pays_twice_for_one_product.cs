using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Commerce;
using Wolverine;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Commerce;

/// <summary>The local provider with money-operation limits raised, so one buyer can fire 50 checkouts at once.</summary>
public sealed class DoubleClickLocalApp : PlatformApp
{
    protected override IDictionary<string, string?> Settings => RaisedLimits.Of(new Dictionary<string, string?>());
}

/// <summary>Stripe mode against the fake, with the same raised limits.</summary>
public sealed class DoubleClickStripeApp : StripePlatformApp
{
    protected override IDictionary<string, string?> Settings => RaisedLimits.Of(base.Settings);
}

public static class RaisedLimits
{
    public static IDictionary<string, string?> Of(IDictionary<string, string?> settings)
    {
        foreach (var limit in new[] { "Requests", "Operations", "Mutations", "MoneyOperations" })
            settings[$"RateLimits:{limit}:PermitLimit"] = "100000";
        return settings;
    }
}

/// <summary>At most one live purchase per buyer and product, with the local provider: a double click opens one checkout, pays once.</summary>
public sealed class when_a_buyer_pays_twice_for_one_product(DoubleClickLocalApp app) : IClassFixture<DoubleClickLocalApp>
{
    private readonly Shops shops = new(app);

    private const string Purchases =
        "{ myPurchases(first: 100) { nodes { id status gross { amount } refunded { amount } refunds { status reason } } } }";

    [Fact]
    public async Task fifty_concurrent_checkouts_and_payments_end_in_one_paid_purchase_and_one_enrolment()
    {
        var shop = await shops.Open(amount: 4900);
        var buyer = await shops.Member(shop);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            // A click that lands after the payment is told so (CONFLICT), at checkout or at payment; the others pay the one checkout.
            var started = await buyer.Send(Shops.StartCheckout, new { p = shop.ProductId, coupon = (string?)null });
            if (started.FirstErrorCode is { } refused) return (checkout: (string?)null, FirstErrorCode: refused);
            var checkout = started.Body.GetProperty("data").GetProperty("startCheckout").GetProperty("checkoutId").GetString();
            var paid = await buyer.Send(Shops.Pay, new { c = checkout, o = "SUCCEEDED" });
            return (checkout, paid.FirstErrorCode);
        }));

        Assert.Single(results.Where(r => r.checkout is not null).Select(r => r.checkout).Distinct());
        Assert.All(results, r => Assert.True(r.FirstErrorCode is null or "CONFLICT", $"unexpected {r.FirstErrorCode}"));
        var purchases = (await buyer.Data(Purchases)).GetProperty("myPurchases").GetProperty("nodes").EnumerateArray().ToArray();
        Assert.Single(purchases, p => p.GetProperty("status").GetString() == "PAID");
        Assert.All(purchases.Where(p => p.GetProperty("status").GetString() != "PAID"), ExtraIsRefundedInFull);
        var learning = (await buyer.Data("{ myLearning { nodes { course { id } revokedAt } } }")).GetProperty("myLearning").GetProperty("nodes");
        Assert.Equal([shop.ProductId], learning.EnumerateArray().Select(n => n.GetProperty("course").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task new_terms_replace_the_open_checkout_which_can_no_longer_be_paid()
    {
        var shop = await shops.Open(amount: 4900);
        var creator = app.Client(shop.Creator);
        await creator.Data("mutation($p: ID!) { createCoupon(productId: $p, input: { code: \"HALF\", percentOff: 50 }) { id } }", new { p = shop.ProductId });
        var buyer = await shops.Member(shop);

        var full = await Shops.Checkout(buyer, shop);
        var again = await Shops.Checkout(buyer, shop);
        var discounted = await Shops.Checkout(buyer, shop, coupon: "HALF");
        var payOld = await buyer.Send(Shops.Pay, new { c = full, o = "SUCCEEDED" });
        var paid = (await buyer.Data(Shops.Pay, new { c = discounted, o = "SUCCEEDED" })).GetProperty("completeLocalPayment");

        Assert.Equal(full, again);
        Assert.NotEqual(full, discounted);
        Assert.Equal("CONFLICT", payOld.FirstErrorCode);
        Assert.Equal(("PAID", 2450L), (paid.GetProperty("status").GetString(), paid.GetProperty("gross").GetProperty("amount").GetInt64()));
        var statuses = (await buyer.Data(Purchases)).GetProperty("myPurchases").GetProperty("nodes").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("status").GetString());
        Assert.Equal("FAILED", statuses[full]);
    }

    [Fact]
    public async Task a_second_subscription_paid_at_the_provider_is_refunded_in_full_and_stopped()
    {
        var shop = await shops.Open(amount: 3000, interval: "MONTH");
        var creator = app.Client(shop.Creator);
        await creator.Data("mutation($p: ID!) { createCoupon(productId: $p, input: { code: \"THIRD\", percentOff: 30 }) { id } }", new { p = shop.ProductId });
        var buyer = await shops.Member(shop);
        var replaced = await Shops.Checkout(buyer, shop);
        var kept = await Shops.Checkout(buyer, shop, coupon: "THIRD");
        await buyer.Data(Shops.Pay, new { c = kept, o = "SUCCEEDED" });

        // The replaced checkout's page still took the card (a race at the provider): the provider reports it paid.
        var subscription = Platform.Contracts.DeterministicId.Subscription(Guid.Parse(replaced));
        var payload = LocalStripeEvents.Event("checkout.session.completed", new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = $"cs_local_{Guid.Parse(replaced):N}", ["object"] = "checkout.session", ["client_reference_id"] = replaced, ["status"] = "complete",
            ["payment_status"] = "paid", ["mode"] = "subscription", ["payment_intent"] = LocalStripeEvents.PaymentIntentId(Guid.Parse(replaced)),
            ["subscription"] = LocalStripeEvents.SubscriptionId(subscription), ["amount_total"] = 3000, ["currency"] = "eur",
        }, DateTimeOffset.UtcNow);
        using (var scope = app.Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new ReceiveProviderEvent(LocalPaymentProvider.ProviderName, "platform",
                $"evt_local_race_{Guid.NewGuid():N}", "checkout.session.completed", payload, ProcessNow: true));

        var purchases = await Shops.Eventually(() => buyer.Data(Purchases),
            p => p.GetProperty("myPurchases").GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("status").GetString() == "REFUNDED"));
        var statuses = purchases.GetProperty("myPurchases").GetProperty("nodes").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        ExtraIsRefundedInFull(statuses[replaced]);
        Assert.Equal(3000, statuses[replaced].GetProperty("refunded").GetProperty("amount").GetInt64());
        Assert.Equal("PAID", statuses[kept].GetProperty("status").GetString());
        var live = (await buyer.Data("{ mySubscriptions { id status } }")).GetProperty("mySubscriptions").EnumerateArray().ToList();
        Assert.Equal([("ACTIVE", Platform.Contracts.DeterministicId.Subscription(Guid.Parse(kept)).ToString())],
            live.Select(l => (l.GetProperty("status").GetString(), l.GetProperty("id").GetString())));
        var learning = (await buyer.Data("{ myLearning { nodes { course { id } revokedAt } } }")).GetProperty("myLearning").GetProperty("nodes");
        Assert.Equal([(shop.ProductId, JsonValueKind.Null)],
            learning.EnumerateArray().Select(n => (n.GetProperty("course").GetProperty("id").GetString(), n.GetProperty("revokedAt").ValueKind)));
    }

    [Fact]
    public async Task a_successful_renewal_after_a_failed_one_makes_the_subscription_active_again()
    {
        var shop = await shops.Open(amount: 900, interval: "MONTH");
        var buyer = await shops.Member(shop);
        var purchase = (await Shops.Bought(buyer, shop)).GetProperty("id").GetString()!;
        var subscription = (await buyer.Data("query($id: ID!) { purchase(id: $id) { subscription { id } } }", new { id = purchase }))
            .GetProperty("purchase").GetProperty("subscription").GetProperty("id").GetString()!;
        const string renew = "mutation($s: ID!, $o: LocalPaymentOutcome!) { renewLocalSubscription(subscriptionId: $s, outcome: $o) { status } }";

        var failed = (await buyer.Data(renew, new { s = subscription, o = "DECLINED" })).GetProperty("renewLocalSubscription").GetProperty("status").GetString();
        var renewed = (await buyer.Data(renew, new { s = subscription, o = "SUCCEEDED" })).GetProperty("renewLocalSubscription").GetProperty("status").GetString();

        Assert.Equal(("PAST_DUE", "ACTIVE"), (failed, renewed));
    }

    private static void ExtraIsRefundedInFull(JsonElement purchase)
    {
        var gross = purchase.GetProperty("gross").GetProperty("amount").GetInt64();
        if (gross == 0) return; // never paid: no money moved
        Assert.Equal("REFUNDED", purchase.GetProperty("status").GetString());
        Assert.Equal(gross, purchase.GetProperty("refunded").GetProperty("amount").GetInt64());
    }
}

/// <summary>The same rule in Stripe mode: the fake's hosted page can still take a payment for a replaced checkout, which goes back in full.</summary>
public sealed class when_a_buyer_pays_twice_through_stripe(DoubleClickStripeApp app) : IClassFixture<DoubleClickStripeApp>
{
    private readonly StripeShop shop = new(app);
    private FakeStripe Stripe => app.Stripe;

    [Fact]
    public async Task fifty_concurrent_checkouts_open_one_session_and_a_second_paid_checkout_is_refunded_in_full()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 4900);
        var buyer = Unique("buyer");
        var client = app.Client(buyer);
        await client.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = creator.Community });

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            (await client.Data("mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }", new { p = course }))
                .GetProperty("startCheckout").GetProperty("checkoutId").GetString()!));
        var first = Assert.Single(ids.Distinct());
        // The price changes while the first checkout's page is still open: the buyer's next checkout replaces it.
        await app.Client(creator.User).Data("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 5900, currency: \"eur\" }) { id } }", new { p = course });
        var second = (await client.Data("mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }", new { p = course }))
            .GetProperty("startCheckout").GetProperty("checkoutId").GetString()!;

        // Both pages are paid at Stripe, the new one first, and the old tab a moment later.
        await shop.Pay(new StripeShop.Purchase(buyer, course, second, Stripe.SessionFor(second)));
        var (intent, _) = await shop.Pay(new StripeShop.Purchase(buyer, course, first, Stripe.SessionFor(first)));
        var refund = await shop.Request("POST", "/v1/refunds", r => r["payment_intent"] == intent);
        var created = FakeStripe.Event("refund.created", Stripe.RefundFor(refund["metadata[refund_id]"]!));
        await Stripe.Deliver(created);
        await shop.Processed(created);

        Assert.NotEqual(first, second);
        Assert.Equal("4900", refund["amount"]);
        var purchases = (await shop.Purchases(buyer)).ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal("PAID", purchases[second].GetProperty("status").GetString());
        Assert.Equal(("REFUNDED", 4900L, "SUCCEEDED"), (purchases[first].GetProperty("status").GetString(),
            purchases[first].GetProperty("refunded").GetProperty("amount").GetInt64(),
            purchases[first].GetProperty("refunds")[0].GetProperty("status").GetString()));
        Assert.Single(purchases.Values, p => p.GetProperty("status").GetString() == "PAID");
        Assert.True(await shop.HasAccess(buyer, course));
    }
}
