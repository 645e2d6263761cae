using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;
using Platform.Projections.Ledger;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Payouts;

/// <summary>Stripe's fees and payouts in the ledger, and reconciliation against Stripe's balance transactions (the fake's).</summary>
public sealed class when_stripe_pays_creators_out(StripePlatformApp app) : IClassFixture<StripePlatformApp>
{
    private readonly StripeShop shop = new(app);
    private GraphQLClient Finance => app.Client(Unique("fin"), "finance");

    private async Task<List<LedgerLine>> Lines(Guid creatorId, Func<List<LedgerLine>, bool> done) =>
        await Eventually(async () =>
        {
            await app.WaitForProjections();
            await using var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.Query<LedgerLine>().Where(l => l.CreatorId == creatorId).OrderBy(l => l.Position).ToListAsync()).ToList();
        }, done);

    [Fact]
    public async Task stripes_fee_is_a_platform_cost_and_a_connected_payout_traces_to_the_purchases_it_paid()
    {
        var creator = await shop.OnboardedCreator();
        var creatorId = PlatformApp.UserId(creator.User);
        var course = await shop.Course(creator, 3000);
        var first = await shop.Checkout(creator, course);
        var (firstIntent, _) = await shop.Pay(first);
        var second = await shop.Checkout(creator, course);
        var (secondIntent, _) = await shop.Pay(second);

        var lines = await Lines(creatorId, l => l.Count(x => x.Kind == "provider_fee") == 2);
        Assert.Equal(2 * FakeStripe.FeeOf(3000), lines.Where(l => l.Kind == "provider_fee").Sum(l => l.Amount));
        Assert.All(lines.Where(l => l.Kind == "provider_fee"), l => Assert.Equal((LedgerLine.ProviderFees, LedgerLine.ProviderBalance), (l.DebitAccount, l.CreditAccount)));

        // Stripe pays the connected account out: both sales' shares, less a share it took back for a refund.
        const string payoutId = "po_test_payout_1";
        app.Stripe.BookPayout(payoutId, (firstIntent, "sale_share", 2550, "eur"), (secondIntent, "sale_share", 2550, "eur"));
        var paid = FakeStripe.Event("payout.paid", FakeStripe.Payout(payoutId, 5100, "eur", "paid"), account: creator.Account);
        await app.Stripe.Deliver(paid);
        await shop.Processed(paid);
        const string payouts = "{ payouts { nodes { id status amount { amount } items { purchaseId kind amount } } } }";
        var payout = Assert.Single((await app.Client(creator.User).Data(payouts)).GetProperty("payouts").GetProperty("nodes").EnumerateArray());
        Assert.Equal(("PAID", 5100L), (payout.GetProperty("status").GetString(), payout.GetProperty("amount").GetProperty("amount").GetInt64()));
        Assert.Equal(new[] { first.CheckoutId, second.CheckoutId }.Order(),
            payout.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("purchaseId").GetString()!).Order());

        // The bank returns it: the money is owed to the creator again.
        var failed = FakeStripe.Event("payout.failed", FakeStripe.Payout(payoutId, 5100, "eur", "failed"), account: creator.Account);
        await app.Stripe.Deliver(failed);
        await shop.Processed(failed);
        var after = Assert.Single((await app.Client(creator.User).Data(payouts)).GetProperty("payouts").GetProperty("nodes").EnumerateArray());
        Assert.Equal("FAILED", after.GetProperty("status").GetString());
        await Lines(creatorId, l => l.Any(x => x.Kind == "payout_returned"));
        var earnings = (await app.Client(creator.User).Data("{ earnings { available { amount } pending { amount } paidOut { amount } } }")).GetProperty("earnings");
        long Amount(string field) => earnings.GetProperty(field).GetProperty("amount").GetInt64();
        Assert.Equal((5100L, 0L), (Amount("available") + Amount("pending"), Amount("paidOut")));
        var notified = await Eventually(async () =>
            (await app.Client(creator.User).Data("query($me: ID!) { feed(type: NOTIFICATION, ownerId: $me) { nodes { verb objectId } } }", new { me = creatorId }))
                .GetProperty("feed").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("verb").GetString()).ToList(),
            verbs => verbs.Contains("payout_failed"));
        Assert.Contains("payout", notified);
        Assert.Contains("payout_failed", notified);
    }

    [Fact]
    public async Task reconciliation_against_stripes_balance_transactions_finds_a_charge_the_ledger_never_saw()
    {
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 1500);
        var purchase = await shop.Checkout(creator, course);
        var (intent, _) = await shop.Pay(purchase);
        await Lines(PlatformApp.UserId(creator.User), l => l.Any(x => x.Kind == "provider_fee"));
        const string reconcile = "query($f: DateTimeOffset!, $t: DateTimeOffset!) { reconciliation(input: { from: $f, to: $t }) { matched mismatches { key kind ledgerAmount providerAmount } } }";
        var to = DateTimeOffset.UtcNow.AddMinutes(1);

        var report = (await Finance.Data(reconcile, new { f = from, t = to })).GetProperty("reconciliation");
        // Other tests of this class share the fake; only this purchase's keys are checked.
        Assert.DoesNotContain(report.GetProperty("mismatches").EnumerateArray(), m => m.GetProperty("key").GetString()!.EndsWith(intent));
        Assert.True(report.GetProperty("matched").GetInt32() >= 2);

        app.Stripe.PlantCharge("pi_never_seen_by_the_platform", 999, "eur");
        var planted = (await Finance.Data(reconcile, new { f = from, t = to })).GetProperty("reconciliation").GetProperty("mismatches").EnumerateArray()
            .Where(m => m.GetProperty("key").GetString()!.EndsWith("pi_never_seen_by_the_platform")).ToList();
        Assert.Equal(2, planted.Count); // the payment and its fee
        Assert.All(planted, m => Assert.Equal(("MISSING_IN_LEDGER", JsonValueKind.Null), (m.GetProperty("kind").GetString(), m.GetProperty("ledgerAmount").ValueKind)));
    }
}
