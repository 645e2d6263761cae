using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Commerce;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Admin;

/// <summary>platformStats' money figures against real purchases through the local provider (a fixture of its own: its buyers and
/// the provider's confirmations are not part of the user counts the other admin tests check).</summary>
public sealed class when_admins_count_the_platforms_money(PlatformApp app) : IClassFixture<PlatformApp>
{
    private GraphQLClient Admin() => app.Client(SocialScenario.User("admin"), "admin");

    [Fact]
    public async Task platform_stats_count_real_purchases_their_gross_by_currency_and_refunds_as_the_events_do()
    {
        var shops = new Shops(app);
        var euros = await shops.Open(amount: 4900, currency: "eur");
        var dollars = await shops.Open(amount: 1500, currency: "usd");
        await Shops.Bought(await shops.Member(euros), euros);
        await Shops.Bought(await shops.Member(euros), euros);
        var buyer = await shops.Member(dollars);
        var purchase = (await Shops.Bought(buyer, dollars)).GetProperty("id").GetString()!;
        await app.Client(dollars.Creator).Data("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { amount: 500, reason: \"late\" }) { id } }",
            new { p = purchase });
        await Shops.Eventually(async () => (await buyer.Data(Shops.PurchaseQuery, new { id = purchase })).GetProperty("purchase"),
            p => p.GetProperty("status").GetString() == "PARTIALLY_REFUNDED");
        await app.WaitForProjections();

        var stats = (await Admin().Data("{ platformStats(window: ALL_TIME) { purchases gross { amount currency } refunds } }")).GetProperty("platformStats");

        await using var events = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var paid = await events.Events.QueryRawEventDataOnly<PaymentSucceeded>().ToListAsync();
        var expectedGross = paid.GroupBy(p => p.Currency).OrderBy(g => g.Key).Select(g => (g.Sum(p => p.Gross), g.Key)).ToList();
        var gross = stats.GetProperty("gross").EnumerateArray().Select(m => (m.GetProperty("amount").GetInt64(), m.GetProperty("currency").GetString()!)).ToList();
        Assert.Equal(paid.Count, stats.GetProperty("purchases").GetInt32());
        Assert.Equal(expectedGross, gross);
        Assert.Equal(await events.Events.QueryRawEventDataOnly<PaymentRefunded>().CountAsync(), stats.GetProperty("refunds").GetInt32());
        // This test's own money is in the figures: two euro sales, one dollar sale and its partial refund.
        Assert.InRange(paid.Count(p => p.Currency == "eur" && p.Gross == 4900), 2, int.MaxValue);
        Assert.Contains(paid, p => p.Currency == "usd" && p.Gross == 1500);
        Assert.InRange(stats.GetProperty("refunds").GetInt32(), 1, int.MaxValue);
    }
}
