using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Ledger;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;
using Wolverine.Tracking;
using Platform.Api.Payouts;

namespace Platform.IntegrationTests.Ledger;

public sealed class LedgerApp : PlatformApp
{
    // No refund window: a sale is payable at once, so a payout run covers it.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Payouts:HoldPeriod"] = "00:00:00" };
}

/// <summary>The ledger, earnings, payouts, as-of answers and reconciliation, after real purchases with the local provider.</summary>
public sealed class when_money_is_booked_in_the_ledger(LedgerApp app) : IClassFixture<LedgerApp>
{
    private readonly Shops shops = new(app);
    private GraphQLClient Finance => app.Client(Shops.NewUser("fin"), "finance");

    private const string Refund = "mutation($p: ID!, $a: Long) { refundPurchase(purchaseId: $p, input: { amount: $a, reason: \"ledger\" }) { id } }";
    private const string EarningsQuery = "query($i: EarningsInput) { earnings(input: $i) { currency gross { amount } platformFee { amount } creatorShare { amount } refunded { amount } disputed { amount } net { amount } pending { amount } available { amount } paidOut { amount } byDay { day net { amount } } } }";

    private async Task<string> Buy(Shop shop, string outcome = "SUCCEEDED") =>
        (await Shops.Bought(await shops.Member(shop), shop, outcome)).GetProperty("id").GetString()!;

    private async Task<JsonElement> PurchaseWhenRefunded(string purchaseId, string status) =>
        await Shops.Eventually(async () => (await Finance.Data(Shops.PurchaseQuery, new { id = purchaseId })).GetProperty("purchase"),
            p => p.GetProperty("status").GetString() == status);

    /// <summary>The fee is recorded by a side effect after the payment; the ledger is an async projection.</summary>
    private async Task<List<LedgerLine>> Lines(Guid creatorId, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await app.WaitForProjections();
            await using var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var lines = (await session.Query<LedgerLine>().Where(l => l.CreatorId == creatorId).OrderBy(l => l.Position).ToListAsync()).ToList();
            if (lines.Count >= atLeast) return lines;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Only {lines.Count} ledger lines of {atLeast}.");
            await Task.Delay(50);
        }
    }

    private static long Balance(IEnumerable<LedgerLine> lines, string account) =>
        lines.Where(l => l.DebitAccount == account).Sum(l => l.Amount) - lines.Where(l => l.CreditAccount == account).Sum(l => l.Amount);

    [Fact]
    public async Task every_sale_refund_dispute_and_provider_fee_is_booked_and_the_accounts_match_the_purchases()
    {
        var shop = await shops.Open(amount: 1000);
        var creatorId = PlatformApp.UserId(shop.Creator);
        var paid = await Buy(shop);
        var refunded = await Buy(shop);
        var disputed = await Buy(shop, "DISPUTED");
        await app.Client(shop.Creator).Data(Refund, new { p = refunded, a = 333 });
        await PurchaseWhenRefunded(refunded, "PARTIALLY_REFUNDED");

        // 3 sales × 2 lines, 3 provider fees, 1 refund × 2, 1 lost dispute × 2.
        var lines = await Lines(creatorId, 13);
        Assert.Equal(13, lines.Count);
        Assert.All(lines, l => Assert.True(l.Amount > 0 && l.DebitAccount != l.CreditAccount && l.Currency == "eur"));
        var fee = 29 + 30; // 2.9 % of 1000 plus 30, the local provider's rate
        Assert.Equal(3 * 150 - 50 - 150, -Balance(lines, LedgerLine.PlatformFeeRevenue)); // 333 refunded reverses 50 of the fee
        Assert.Equal(3 * 850 - 283 - 850, -Balance(lines, LedgerLine.CreatorPayable(creatorId)));
        Assert.Equal(3 * 1000 - 333 - 1000 - 3 * fee, Balance(lines, LedgerLine.ProviderBalance));
        Assert.Equal(3 * fee, Balance(lines, LedgerLine.ProviderFees));
        // Every line balances by itself, so every account together sums to zero.
        Assert.Equal(0, lines.SelectMany(l => new[] { l.DebitAccount, l.CreditAccount }).Distinct().Sum(a => Balance(lines, a)));

        var ledger = (await Finance.Data("query($a: String) { ledger(input: { account: $a }, first: 100) { nodes { kind amount { amount } sourceEventId purchaseId } } }",
            new { a = LedgerLine.CreatorPayable(creatorId) })).GetProperty("ledger").GetProperty("nodes");
        Assert.Equal(lines.Count(l => l.DebitAccount == LedgerLine.CreatorPayable(creatorId) || l.CreditAccount == LedgerLine.CreatorPayable(creatorId)),
            ledger.GetArrayLength());
        Assert.Equal("FORBIDDEN", (await app.Client(shop.Creator).Send("{ ledger { nodes { id } } }")).FirstErrorCode);

        var earnings = (await app.Client(shop.Creator).Data(EarningsQuery, new { i = (object?)null })).GetProperty("earnings");
        Assert.Equal((3000L, 450L, 2550L, 333L, 1000L, 2550L - 283 - 850),
            (Amount(earnings, "gross"), Amount(earnings, "platformFee"), Amount(earnings, "creatorShare"), Amount(earnings, "refunded"),
                Amount(earnings, "disputed"), Amount(earnings, "net")));
        Assert.Equal(Amount(earnings, "net"), Amount(earnings, "available")); // nothing pending, nothing paid out yet
        Assert.Equal(Amount(earnings, "net"), earnings.GetProperty("byDay").EnumerateArray().Sum(d => d.GetProperty("net").GetProperty("amount").GetInt64()));
        Assert.Equal("FORBIDDEN", (await app.Client(Shops.NewUser("other"), "member").Send(EarningsQuery, new { i = (object?)null })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Client(shop.Creator).Send(EarningsQuery, new { i = new { creatorId = Guid.NewGuid() } })).FirstErrorCode);
        Assert.Equal(Amount(earnings, "net"), Amount((await Finance.Data(EarningsQuery, new { i = new { creatorId } })).GetProperty("earnings"), "net"));
        Assert.Contains(lines, l => l.PurchaseId == Guid.Parse(paid) && l.Kind == "provider_fee" && l.Amount == fee);
    }

    [Fact]
    public async Task a_ledger_rebuilt_while_the_purchases_read_model_is_still_empty_books_every_line_again()
    {
        var shop = await shops.Open(amount: 1000);
        var creatorId = PlatformApp.UserId(shop.Creator);
        await Buy(shop);
        var refunded = await Buy(shop);
        await app.Client(shop.Creator).Data(Refund, new { p = refunded, a = 400 });
        await PurchaseWhenRefunded(refunded, "PARTIALLY_REFUNDED");
        var live = await Lines(creatorId, 8); // 2 sales × 2 lines, 2 provider fees, 1 refund × 2
        Assert.Equal(8, live.Count);

        // `projections rebuild` rebuilds every projection at once: the purchases' read model starts empty beside the ledger.
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.DeleteWhere<PurchaseView>(p => p.CreatorId == creatorId);
            await session.SaveChangesAsync();
        }
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<LedgerProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<PurchaseViewProjection>(CancellationToken.None);

        await using var query = store.QuerySession();
        var rebuilt = await query.Query<LedgerLine>().Where(l => l.CreatorId == creatorId).OrderBy(l => l.Position).ToListAsync();
        var json = store.Options.Serializer();
        Assert.Equal(live.Select(json.ToJson), rebuilt.Select(json.ToJson));
        Assert.Equal(2, await query.Query<PurchaseView>().CountAsync(p => p.CreatorId == creatorId));
    }

    [Fact]
    public async Task a_payout_traces_to_its_purchases_and_a_refund_after_it_is_carried_to_the_next()
    {
        var shop = await shops.Open(amount: 2000);
        var creatorId = PlatformApp.UserId(shop.Creator);
        var first = await Buy(shop);
        var second = await Buy(shop);
        await Lines(creatorId, 4);
        await app.Host.InvokeMessageAndWaitAsync(new RunPayouts(Scheduled: false));

        const string payouts = "{ payouts { nodes { id status amount { amount } items { purchaseId kind amount purchase { gross { amount } } } } } }";
        var payout = Assert.Single((await app.Client(shop.Creator).Data(payouts)).GetProperty("payouts").GetProperty("nodes").EnumerateArray());
        Assert.Equal(("PAID", 3400L), (payout.GetProperty("status").GetString(), Amount(payout, "amount")));
        Assert.Equal(new[] { first, second }.Order(), payout.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("purchaseId").GetString()!).Order());
        Assert.All(payout.GetProperty("items").EnumerateArray(), i => Assert.Equal(2000, i.GetProperty("purchase").GetProperty("gross").GetProperty("amount").GetInt64()));

        // Refunded in full after it was paid out: the creator owes 1700 back, carried until sales cover it.
        await app.Client(shop.Creator).Data(Refund, new { p = first, a = (long?)null });
        await PurchaseWhenRefunded(first, "REFUNDED");
        await Lines(creatorId, 8);
        await app.Host.InvokeMessageAndWaitAsync(new RunPayouts(Scheduled: false));
        Assert.Single((await app.Client(shop.Creator).Data(payouts)).GetProperty("payouts").GetProperty("nodes").EnumerateArray());
        Assert.Equal(-1700, Amount((await app.Client(shop.Creator).Data(EarningsQuery, new { i = (object?)null })).GetProperty("earnings"), "available"));

        var third = await Buy(shop);
        await Buy(shop);
        await Lines(creatorId, 12);
        await app.Host.InvokeMessageAndWaitAsync(new RunPayouts(Scheduled: false));
        var latest = (await app.Client(shop.Creator).Data(payouts)).GetProperty("payouts").GetProperty("nodes")[0];
        Assert.Equal(2 * 1700 - 1700, Amount(latest, "amount"));
        Assert.Contains(latest.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "refund_share" && i.GetProperty("amount").GetInt64() == -1700);
        Assert.Contains(latest.GetProperty("items").EnumerateArray(), i => i.GetProperty("purchaseId").GetString() == third);
        await app.WaitForProjections(); // the payout's own ledger lines
        var earnings = (await app.Client(shop.Creator).Data(EarningsQuery, new { i = (object?)null })).GetProperty("earnings");
        Assert.Equal((0L, 3400L + 1700L), (Amount(earnings, "available"), Amount(earnings, "paidOut")));

        var payoutId = latest.GetProperty("id").GetString();
        var otherCreator = (await shops.Open()).Creator;
        Assert.Equal("NOT_FOUND", (await app.Client(otherCreator).Send("query($id: ID!) { payout(id: $id) { id } }", new { id = payoutId })).FirstErrorCode);
        Assert.Equal(1700, Amount((await Finance.Data("query($id: ID!) { payout(id: $id) { amount { amount } } }", new { id = payoutId })).GetProperty("payout"), "amount"));
    }

    [Fact]
    public async Task as_of_a_moment_before_a_refund_the_answers_are_what_was_known_then()
    {
        var shop = await shops.Open(amount: 1200);
        var purchase = await Buy(shop);
        await Lines(PlatformApp.UserId(shop.Creator), 2);
        var before = DateTimeOffset.UtcNow;
        await app.Client(shop.Creator).Data(Refund, new { p = purchase, a = 200 });
        await PurchaseWhenRefunded(purchase, "PARTIALLY_REFUNDED");
        await Lines(PlatformApp.UserId(shop.Creator), 5);

        const string asOf = "query($id: ID!, $at: DateTimeOffset) { purchase(id: $id, asOf: $at) { status refunded { amount } } }";
        var then = (await Finance.Data(asOf, new { id = purchase, at = before })).GetProperty("purchase");
        var now = (await Finance.Data(asOf, new { id = purchase, at = (DateTimeOffset?)null })).GetProperty("purchase");
        Assert.Equal(("PAID", 0L), (then.GetProperty("status").GetString(), Amount(then, "refunded")));
        Assert.Equal(("PARTIALLY_REFUNDED", 200L), (now.GetProperty("status").GetString(), Amount(now, "refunded")));

        var earningsAsOf = EarningsQuery.Replace("earnings(input: $i)", "earnings(input: $i, asOf: $at)").Replace("$i: EarningsInput", "$i: EarningsInput, $at: DateTimeOffset");
        var earningsThen = (await app.Client(shop.Creator).Data(earningsAsOf, new { i = (object?)null, at = before })).GetProperty("earnings");
        var earningsThenByInput = (await app.Client(shop.Creator).Data(EarningsQuery, new { i = new { asOf = before } })).GetProperty("earnings");
        var earningsNow = (await app.Client(shop.Creator).Data(EarningsQuery, new { i = (object?)null })).GetProperty("earnings");
        Assert.Equal((0L, 1020L), (Amount(earningsThen, "refunded"), Amount(earningsThen, "net")));
        Assert.Equal(earningsThen.ToString(), earningsThenByInput.ToString()); // the deprecated input.asOf answers the same
        Assert.Equal("VALIDATION", (await app.Client(shop.Creator).Send(earningsAsOf, new { i = new { asOf = before }, at = DateTimeOffset.UtcNow })).FirstErrorCode);
        // A window that ends before it starts is a mistake, not an empty answer.
        var backwards = new { from = DateTimeOffset.UtcNow, to = before };
        Assert.Equal("VALIDATION", (await app.Client(shop.Creator).Send(EarningsQuery, new { i = backwards })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await Finance.Send("query($i: LedgerInput) { ledger(input: $i) { nodes { id } } }", new { i = backwards })).FirstErrorCode);
        Assert.Equal((200L, 1020L - 170L), (Amount(earningsNow, "refunded"), Amount(earningsNow, "net")));
    }

    [Fact]
    public async Task reconciliation_matches_the_providers_books_and_finds_a_planted_mismatch()
    {
        // The window opens now: the class's other tests finish (their lines booked) a moment before, and must stay outside it.
        var from = DateTimeOffset.UtcNow;
        var shop = await shops.Open(amount: 700);
        var purchase = await Buy(shop);
        var refunded = await Buy(shop);
        await app.Client(shop.Creator).Data(Refund, new { p = refunded, a = 100 });
        await PurchaseWhenRefunded(refunded, "PARTIALLY_REFUNDED");
        var lines = await Lines(PlatformApp.UserId(shop.Creator), 8);
        const string reconcile = "query($f: DateTimeOffset!, $t: DateTimeOffset!) { reconciliation(input: { from: $f, to: $t }) { matched mismatches { key kind ledgerAmount providerAmount } } }";
        var to = DateTimeOffset.UtcNow.AddSeconds(1);

        var clean = (await Finance.Data(reconcile, new { f = from, t = to })).GetProperty("reconciliation");
        Assert.Equal(0, clean.GetProperty("mismatches").GetArrayLength());
        Assert.Equal(5, clean.GetProperty("matched").GetInt32()); // two payments, their two fees, one refund

        // Plant a mismatch: one sale's share booked a cent short.
        await using (var session = app.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            var share = lines.First(l => l.Kind == "sale_share" && l.PurchaseId == Guid.Parse(purchase));
            share.Amount -= 1;
            session.Store(share);
            await session.SaveChangesAsync();
        }
        var found = Assert.Single((await Finance.Data(reconcile, new { f = from, t = to })).GetProperty("reconciliation").GetProperty("mismatches").EnumerateArray());
        Assert.Equal(("AMOUNT_DIFFERS", 699L, 700L), (found.GetProperty("kind").GetString(), found.GetProperty("ledgerAmount").GetInt64(), found.GetProperty("providerAmount").GetInt64()));
        Assert.StartsWith("payment:pi_local_", found.GetProperty("key").GetString());

        // The scheduled run records what it found as an event, for finance to look back on.
        using var scope = app.Host.Services.CreateScope();
        var runId = await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().InvokeAsync<Guid>(
            new RunReconciliation(Scheduled: false, DateOnly.FromDateTime(DateTime.UtcNow)));
        var recorded = Assert.IsType<Platform.Contracts.Ledger.ReconciliationCompleted>(Assert.Single(await app.EventsOf(runId)).Data);
        Assert.Contains(recorded.Mismatches, m => m.StartsWith("AmountDiffers payment:pi_local_"));
    }

    private static long Amount(JsonElement e, string field) => e.GetProperty(field).GetProperty("amount").GetInt64();
}
