using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>OWASP API1:2023. Knowing an object's id is not enough: another buyer's purchase and checkout stay out of reach.</summary>
public sealed class API1_broken_object_level_authorization(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task another_members_purchase_cannot_be_read_or_paid_by_its_id()
    {
        var shops = new Shops(app);
        var shop = await shops.Open();
        var buyer = await shops.Member(shop);
        var checkout = await Shops.Checkout(buyer, shop);
        var intruder = await shops.Member(shop);

        var read = await intruder.Send(Shops.PurchaseQuery, new { id = checkout });
        var paid = await intruder.Send(Shops.Pay, new { c = checkout, o = "SUCCEEDED" });

        Assert.Contains(read.FirstErrorCode, new[] { "FORBIDDEN", "NOT_FOUND" });
        Assert.Contains(paid.FirstErrorCode, new[] { "FORBIDDEN", "NOT_FOUND" });
        Assert.Equal("PENDING", (await buyer.Data(Shops.PurchaseQuery, new { id = checkout })).GetProperty("purchase").GetProperty("status").GetString());
    }
}
