using System.Net;
using System.Text.Json;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Commerce;

public sealed record Shop(string Creator, string CommunityId, string ProductId);

/// <summary>Sets up what commerce tests buy from, and buys it, through GraphQL and the local provider's pages.</summary>
public sealed class Shops(PlatformApp app)
{
    public static string NewUser(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    /// <summary>A creator with a payout account, an open community and, unless it sells its membership, a published PAID course with a price.</summary>
    public async Task<Shop> Open(long amount = 4900, string currency = "eur", string interval = "ONE_TIME", int? seatLimit = null, bool sellMembership = false,
        int trialDays = 0)
    {
        var creator = NewUser("seller");
        var client = app.Client(creator);
        var community = (await client.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Shop", slug = $"shop-{Guid.NewGuid():N}"[..20], joinPolicy = sellMembership ? "PAID" : "OPEN" } }))
            .GetProperty("createCommunity").GetProperty("id").GetString()!;
        var product = community;
        if (!sellMembership)
        {
            product = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Paid course\", access: PAID }) { id } }", new { c = community }))
                .GetProperty("createCourse").GetProperty("id").GetString()!;
            var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"M\" }) { draft { id } } }", new { c = product }))
                .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
            await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"L\", body: \"secret\" }) { id } }", new { m = module });
        }
        await client.Data("mutation($p: ID!, $i: SetPriceInput!) { setPrice(productId: $p, input: $i) { id } }",
            new { p = product, i = new { amount, currency, interval, seatLimit, trialDays } });
        // A PAID course is published once it has a price.
        if (!sellMembership) await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = product });
        var onboarding = (await client.Data("mutation { startPayoutOnboarding { chargesEnabled onboardingUrl } }")).GetProperty("startPayoutOnboarding");
        Assert.False(onboarding.GetProperty("chargesEnabled").GetBoolean());
        // The creator finishes onboarding on the provider's page, as they would on Stripe's.
        var page = await client.Http.PostAsync(new Uri(onboarding.GetProperty("onboardingUrl").GetString()!).PathAndQuery, null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return new Shop(creator, community, product);
    }

    public async Task<GraphQLClient> Member(Shop shop, string? user = null)
    {
        var client = app.Client(user ?? NewUser("buyer"));
        await client.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.CommunityId });
        return client;
    }

    public const string StartCheckout = "mutation($p: ID!, $coupon: String) { startCheckout(input: { productId: $p, couponCode: $coupon }) { checkoutId url status purchase { amount { amount currency } } } }";
    public const string Pay = "mutation($c: ID!, $o: LocalPaymentOutcome!) { completeLocalPayment(checkoutId: $c, outcome: $o) { id status gross { amount currency } platformFee { amount } creatorShare { amount } refunded { amount } disputed { amount } } }";
    public const string PurchaseQuery = "query($id: ID!) { purchase(id: $id) { status gross { amount } refunded { amount } refundable { amount } refunds { status } } }";

    public static async Task<string> Checkout(GraphQLClient buyer, Shop shop, string? coupon = null) =>
        (await buyer.Data(StartCheckout, new { p = shop.ProductId, coupon })).GetProperty("startCheckout").GetProperty("checkoutId").GetString()!;

    public static async Task<JsonElement> Bought(GraphQLClient buyer, Shop shop, string outcome = "SUCCEEDED") =>
        (await buyer.Data(Pay, new { c = await Checkout(buyer, shop), o = outcome })).GetProperty("completeLocalPayment");

    /// <summary>Refunds are confirmed by the provider after the request commits: poll, with a deadline, until the condition holds.</summary>
    public static async Task<JsonElement> Eventually(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var value = await Given.Eventually(read, done);
        Assert.True(done(value), $"Still not done: {value}");
        return value;
    }
}
