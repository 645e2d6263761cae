using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Api.Commerce;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Analytics;

/// <summary>
/// An admin previews a lower fee on a community's real sales (through checkout and the local provider), applies it from a moment
/// ahead, and checkouts fix the fee in force when they start: those started before the effective time keep the old one.
/// </summary>
public sealed class when_an_admin_changes_a_communitys_fee(FeeApp app) : IClassFixture<FeeApp>
{
    private const string Preview = """
        query($c: ID!) { previewFeePolicy(communityId: $c, input: { percent: 10, days: 30 }) { currentPercent proposedPercent
          totals { currency sales gross { amount } takenBack { amount } platformFee { amount } proposedPlatformFee { amount } creatorShare { amount }
                   proposedCreatorShare { amount } platformFeeDifference { amount } creatorShareDifference { amount } } } }
        """;

    private const string Set = """
        mutation($c: ID!, $at: DateTimeOffset) { setFeePolicy(communityId: $c, input: { percent: 10, effectiveAt: $at }) {
          percentInForce versions { percent effectiveAt setBy } } }
        """;

    private static long A(JsonElement e, string money) => e.GetProperty(money).GetProperty("amount").GetInt64();

    private async Task<long> PaidFee(GraphQLClient buyer, string checkout) =>
        A((await buyer.Data(Shops.Pay, new { c = checkout, o = "SUCCEEDED" })).GetProperty("completeLocalPayment"), "platformFee");

    private static async Task<int> FeeShown(GraphQLClient caller, string communityId) =>
        (await caller.Data("query($c: ID!) { community(id: $c) { feePercent } }", new { c = communityId })).GetProperty("community").GetProperty("feePercent").GetInt32();

    [Fact]
    public async Task the_preview_equals_what_the_sales_would_have_produced_and_checkouts_started_before_the_change_keep_the_old_fee()
    {
        var shops = new Shops(app);
        var shop = await shops.Open(amount: 10_001, currency: "eur");
        Assert.Equal(1500, A(await Shops.Bought(await shops.Member(shop), shop), "platformFee")); // 15 % of 10001, half up
        await app.WaitForProjections();
        var adminUser = Given.Unique("feeadmin");
        var admin = app.Client(adminUser, "admin");

        var preview = (await admin.Data(Preview, new { c = shop.CommunityId })).GetProperty("previewFeePolicy");
        Assert.Equal((15, 10), (preview.GetProperty("currentPercent").GetInt32(), preview.GetProperty("proposedPercent").GetInt32()));
        var totals = Assert.Single(preview.GetProperty("totals").EnumerateArray());
        var proposed = MoneySplit.Of(10_001, 10); // what the sale would have produced: 1000 and 9001
        Assert.Equal((1, 10_001L, 0L, 1500L, proposed.PlatformFee, 8501L, proposed.CreatorShare, proposed.PlatformFee - 1500, proposed.CreatorShare - 8501),
            (totals.GetProperty("sales").GetInt32(), A(totals, "gross"), A(totals, "takenBack"), A(totals, "platformFee"), A(totals, "proposedPlatformFee"),
             A(totals, "creatorShare"), A(totals, "proposedCreatorShare"), A(totals, "platformFeeDifference"), A(totals, "creatorShareDifference")));

        var startedBeforeTheChange = await shops.Member(shop);
        var early = await Shops.Checkout(startedBeforeTheChange, shop);
        var effectiveAt = app.Clock.GetUtcNow().AddMinutes(10);
        var set = (await admin.Data(Set, new { c = shop.CommunityId, at = effectiveAt })).GetProperty("setFeePolicy");
        Assert.Equal(15, set.GetProperty("percentInForce").GetInt32()); // not yet in force
        Assert.Equal(10, Assert.Single(set.GetProperty("versions").EnumerateArray()).GetProperty("percent").GetInt32());

        var startedBeforeTheEffectiveTime = await shops.Member(shop);
        var middle = await Shops.Checkout(startedBeforeTheEffectiveTime, shop);
        Assert.Equal(15, await FeeShown(admin, shop.CommunityId));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(10, await FeeShown(admin, shop.CommunityId)); // the community shows the fee in force, not the one it was created with
        var startedAfter = await shops.Member(shop);
        var late = await Shops.Checkout(startedAfter, shop);

        // Paid after the effective time, all three: each keeps the fee fixed when it started.
        Assert.Equal(1500, await PaidFee(startedBeforeTheChange, early));
        Assert.Equal(1500, await PaidFee(startedBeforeTheEffectiveTime, middle));
        Assert.Equal(1000, await PaidFee(startedAfter, late));

        var trail = (await admin.Data("query($id: ID!) { auditTrail(entityType: COMMUNITY, entityId: $id) { nodes { type data actor } } }", new { id = shop.CommunityId }))
            .GetProperty("auditTrail").GetProperty("nodes").EnumerateArray().ToList();
        var change = Assert.Single(trail, n => n.GetProperty("type").GetString() == "FeePolicySet");
        Assert.Equal(PlatformApp.UserId(adminUser).ToString(), change.GetProperty("actor").GetString());
        var data = change.GetProperty("data").ValueKind == JsonValueKind.String ? change.GetProperty("data").GetString()! : change.GetProperty("data").GetRawText();
        Assert.Matches(new Regex("\"percent\":\\s*10\\b", RegexOptions.IgnoreCase), data);
        Assert.Matches(new Regex("\"previousPercent\":\\s*15\\b", RegexOptions.IgnoreCase), data);
    }

    [Fact]
    public async Task a_fee_outside_0_to_100_or_in_the_past_is_refused_and_nothing_is_appended()
    {
        var community = await Given.Community(app.Client(Given.Unique("feeowner")), "Fees");
        var admin = app.Client(Given.Unique("feeadmin"), "admin");
        Assert.Equal("VALIDATION", (await admin.Send("mutation($c: ID!) { setFeePolicy(communityId: $c, input: { percent: 101 }) { percentInForce } }",
            new { c = community })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await admin.Send(Set, new { c = community, at = app.Clock.GetUtcNow().AddMinutes(-1) })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await admin.Send(Preview.Replace("days: 30", "days: 366"), new { c = community })).FirstErrorCode);
        var trail = (await admin.Data("query($id: ID!) { auditTrail(entityType: COMMUNITY, entityId: $id) { nodes { type } } }", new { id = community }))
            .GetProperty("auditTrail").GetProperty("nodes").EnumerateArray();
        Assert.DoesNotContain(trail, n => n.GetProperty("type").GetString() == "FeePolicySet");
    }
}
