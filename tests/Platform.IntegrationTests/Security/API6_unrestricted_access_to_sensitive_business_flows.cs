using Platform.IntegrationTests.Commerce;

namespace Platform.IntegrationTests.Security;

/// <summary>OWASP API6:2023. Money flows have their own, stricter limit: a script cannot open checkouts (or refunds) in bulk.</summary>
public sealed class API6_unrestricted_access_to_sensitive_business_flows(TightRateLimitsApp app) : IClassFixture<TightRateLimitsApp>
{
    [Fact]
    public async Task checkouts_past_the_money_limit_get_429_while_other_mutations_still_pass()
    {
        var shops = new Shops(app);
        var shop = await shops.Open();
        var buyer = await shops.Member(shop);
        for (var i = 0; i < TightRateLimitsApp.MoneyOperations; i++) await Shops.Checkout(buyer, shop);

        var refused = await buyer.Send(Shops.StartCheckout, new { p = shop.ProductId });
        var throughAFragment = await buyer.Send("mutation($p: ID!) { ...Buy } fragment Buy on Mutation { startCheckout(input: { productId: $p }) { checkoutId } }", new { p = shop.ProductId });
        var other = await buyer.Send("mutation { joinCommunity(communityId: \"not-a-guid\") { id } }");

        Assert.Equal(429, refused.Status);
        Assert.Equal("RATE_LIMITED", refused.FirstErrorCode);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal("RATE_LIMITED", throughAFragment.FirstErrorCode);
        Assert.Equal("VALIDATION", other.FirstErrorCode); // past the money limit, not rate limited: the malformed id is refused on its merits
    }
}
