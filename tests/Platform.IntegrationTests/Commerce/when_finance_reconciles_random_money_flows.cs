using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Commerce;
using Platform.Api.Ledger;
using Platform.IntegrationTests.Support;
using Platform.Api.Payouts;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;
using Wolverine;
using Xunit.Abstractions;

namespace Platform.IntegrationTests.Commerce;

/// <summary>The local provider, limits raised for many purchases in a row, sales payable at once.</summary>
public sealed class ReconciliationApp : PlatformApp
{
    protected override IDictionary<string, string?> Settings => RaisedLimits.Of(new Dictionary<string, string?> { ["Payouts:HoldPeriod"] = "00:00:00" });
}

/// <summary>
/// Reconciliation is clean on ordinary flows and finds what is wrong: random sequences of purchases, partial and full refunds,
/// disputes won and lost, renewals and failed renewals with the local provider, then eleven kinds of planted mismatch.
/// <c>MONEY_SEQUENCES</c> and <c>MONEY_SEED</c> choose how many sequences run and from which seed.
/// </summary>
public sealed class when_finance_reconciles_random_money_flows(ReconciliationApp app, ITestOutputHelper output) : IClassFixture<ReconciliationApp>
{
    private readonly Shops shops = new(app);
    private GraphQLClient Finance => app.Client(Shops.NewUser("fin"), "finance");

    internal const string Reconcile =
        "query($f: DateTimeOffset!, $t: DateTimeOffset!) { reconciliation(input: { from: $f, to: $t }) { matched mismatches { key kind ledgerAmount providerAmount } } }";
    internal const string Refund = "mutation($p: ID!, $a: Long) { refundPurchase(purchaseId: $p, input: { amount: $a, reason: \"property\" }) { id } }";
    private const string Renew = "mutation($s: ID!, $o: LocalPaymentOutcome!) { renewLocalSubscription(subscriptionId: $s, outcome: $o) { status } }";

    private static readonly string[] Currencies = ["eur", "usd", "gbp"];

    [Fact]
    public async Task random_sequences_end_with_zero_mismatches_and_the_ledger_equal_to_the_providers_books_per_currency()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MONEY_SEED"), out var s) ? s : 14;
        var sequences = int.TryParse(Environment.GetEnvironmentVariable("MONEY_SEQUENCES"), out var n) ? n : 8;
        var random = new Random(seed);
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var refunds = new List<(GraphQLClient Creator, string Purchase, long? Amount)>();
        var operations = 0;
        var outcomes = new List<string>();
        for (var i = 0; i < sequences; i++) operations += await RandomSequence(random, refunds, outcomes);
        foreach (var (creator, purchase, amount) in refunds) await creator.Data(Refund, new { p = purchase, a = amount });
        operations += refunds.Count;

        // Refunds, provider fees and the ledger settle after the commands: wait (bounded) until both sides agree or time runs out.
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var report = await Given.Eventually(async () =>
        {
            await app.WaitForProjections();
            return (await Finance.Data(Reconcile, new { f = from, t = to })).GetProperty("reconciliation");
        }, r => r.GetProperty("mismatches").GetArrayLength() == 0, TimeSpan.FromSeconds(90));
        var mismatches = report.GetProperty("mismatches");
        output.WriteLine($"{sequences} sequences (seed {seed}), {operations} operations: {report.GetProperty("matched").GetInt32()} amounts matched, " +
            $"{mismatches.GetArrayLength()} mismatches; payments {string.Join(", ", outcomes.CountBy(o => o).Select(o => $"{o.Key} {o.Value}"))}, {refunds.Count} refunds");
        Assert.True(mismatches.GetArrayLength() == 0, $"Mismatches: {mismatches}");

        // The ledger's provider balance, per currency, is the provider's own: payments less its fees less refunds.
        using var scope = app.Host.Services.CreateScope();
        var books = await scope.ServiceProvider.GetRequiredService<IPaymentProvider>().BalanceTransactions(from, to, CancellationToken.None);
        var providerNet = books.Where(t => !t.Key.StartsWith("payout:")).GroupBy(t => t.Currency).ToDictionary(g => g.Key, g => g.Sum(t => t.Key.StartsWith("payment:") ? t.Amount : -t.Amount));
        await using var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var lines = await session.Query<LedgerLine>().Where(l => l.At >= from && l.At < to && l.PurchaseId != null).ToListAsync();
        var ledgerNet = lines.Where(l => !l.Kind.StartsWith("dispute")).GroupBy(l => l.Currency).ToDictionary(g => g.Key,
            g => g.Where(l => l.DebitAccount == LedgerLine.ProviderBalance).Sum(l => l.Amount) - g.Where(l => l.CreditAccount == LedgerLine.ProviderBalance).Sum(l => l.Amount));
        Assert.Equal(providerNet.OrderBy(p => p.Key), ledgerNet.OrderBy(p => p.Key));
    }

    internal static long? Side(JsonElement mismatch, string side) =>
        mismatch.GetProperty(side).ValueKind == JsonValueKind.Null ? null : mismatch.GetProperty(side).GetInt64();

    /// <summary>One shop, one to three buyers, each buying once (paid, declined or disputed), refunding, renewing: the operations it ran.</summary>
    private async Task<int> RandomSequence(Random random, List<(GraphQLClient, string, long?)> refunds, List<string> outcomes)
    {
        var currency = Currencies[random.Next(Currencies.Length)];
        var monthly = random.Next(3) == 0;
        var price = random.NextInt64(MinimumCharge.Of(currency), 20_000);
        var shop = await shops.Open(amount: price, currency: currency, interval: monthly ? "MONTH" : "ONE_TIME");
        var creator = app.Client(shop.Creator);
        var operations = 1;
        for (var b = random.Next(1, 4); b > 0; b--)
        {
            var buyer = await shops.Member(shop);
            var outcome = monthly ? "SUCCEEDED" : random.Next(10) switch { < 5 => "SUCCEEDED", < 7 => "DISPUTED", < 9 => "DISPUTED_WON", _ => "DECLINED" };
            var bought = await Shops.Bought(buyer, shop, outcome);
            outcomes.Add(monthly ? "MONTHLY" : outcome);
            operations++;
            var purchase = bought.GetProperty("id").GetString()!;
            if (monthly)
            {
                var subscription = (await buyer.Data("query($id: ID!) { purchase(id: $id) { subscription { id } } }", new { id = purchase }))
                    .GetProperty("purchase").GetProperty("subscription").GetProperty("id").GetString()!;
                for (var r = random.Next(1, 4); r > 0; r--, operations++)
                    await buyer.Data(Renew, new { s = subscription, o = random.Next(4) == 0 ? "DECLINED" : "SUCCEEDED" });
            }
            if (outcome is not ("SUCCEEDED" or "DISPUTED_WON") || random.Next(2) == 0) continue; // a won dispute leaves it refundable
            var partial = random.NextInt64(1, price);
            refunds.Add((creator, purchase, partial));
            if (random.Next(2) == 0) refunds.Add((creator, purchase, null)); // then the rest
        }
        return operations;
    }
}

/// <summary>Reconciliation finds each kind of planted mismatch. A database of its own: the planted rows must not meet the random flows.</summary>
public sealed class when_reconciliation_meets_planted_mismatches(ReconciliationApp app) : IClassFixture<ReconciliationApp>
{
    private readonly Shops shops = new(app);
    private GraphQLClient Finance => app.Client(Shops.NewUser("fin"), "finance");

    [Fact]
    public async Task eleven_kinds_of_planted_mismatch_are_each_found_with_both_amounts_and_the_events_behind_them()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var shop = await shops.Open(amount: 1000);
        var creator = app.Client(shop.Creator);
        var bought = new List<string>();
        for (var i = 0; i < 6; i++) bought.Add((await Shops.Bought(await shops.Member(shop), shop)).GetProperty("id").GetString()!);
        var (a, b, c, d, e, f) = (bought[0], bought[1], bought[2], bought[3], bought[4], bought[5]);
        foreach (var refunded in new[] { b, c, f }) await creator.Data(when_finance_reconciles_random_money_flows.Refund, new { p = refunded, a = 300 });
        await Given.Eventually(async () =>
        {
            await app.WaitForProjections();
            using (var scope = app.Host.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new RunPayouts(Scheduled: false));
            await using var query = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await query.Query<PayoutView>().CountAsync(p => p.CreatorId == PlatformApp.UserId(shop.Creator));
        }, n => n > 0);
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var clean = await Given.Eventually(async () =>
        {
            await app.WaitForProjections();
            return (await Finance.Data(when_finance_reconciles_random_money_flows.Reconcile, new { f = from, t = to })).GetProperty("reconciliation");
        }, r => r.GetProperty("mismatches").GetArrayLength() == 0 && r.GetProperty("matched").GetInt32() == 16, TimeSpan.FromSeconds(60));
        Assert.Equal((0, 16), (clean.GetProperty("mismatches").GetArrayLength(), clean.GetProperty("matched").GetInt32()));

        PayoutView payout;
        await using (var session = app.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            async Task<LedgerLine> Line(string purchase, string kind) =>
                await session.Query<LedgerLine>().SingleAsync(l => l.PurchaseId == Guid.Parse(purchase) && l.Kind == kind);
            async Task<ProviderEventRecord> Record(string purchase, string type) =>
                await session.Query<ProviderEventRecord>().SingleAsync(r => r.Type == type && r.Payload.Contains(purchase));
            session.Delete(await Line(a, "provider_fee"));                                         // 1. a provider fee the ledger lacks
            var share = await Line(b, "sale_share"); share.Amount -= 1; session.Store(share);        // 2. a sale booked a cent short
            session.Delete(await Line(b, "refund_fee")); session.Delete(await Line(b, "refund_share")); // 3. a refund the ledger lacks
            var stray = await Record(e, "checkout.session.completed");                             // 4. a payment the ledger lacks
            session.Store(new ProviderEventRecord
            {
                Id = "evt_planted_stray", Provider = stray.Provider, Endpoint = stray.Endpoint, Type = stray.Type, ReceivedAt = DateTimeOffset.UtcNow,
                Payload = stray.Payload.Replace(LocalStripeEvents.PaymentIntentId(Guid.Parse(e)), "pi_local_planted"),
            });
            session.Delete(await Record(c, "refund.created"));                                     // 5. a refund the provider lacks
            var fee = await Line(c, "provider_fee"); fee.Amount += 1; session.Store(fee);            // 6. a fee booked a cent over
            session.Delete(await Record(d, "checkout.session.completed"));                         // 7. a payment the provider lacks
            session.Store(new ProviderEventRecord                                                  // 8. the provider charged one payment twice
            {
                Id = "evt_planted_twice", Provider = stray.Provider, Endpoint = stray.Endpoint, Type = stray.Type, ReceivedAt = DateTimeOffset.UtcNow, Payload = stray.Payload,
            });
            var refundShare = await Line(f, "refund_share"); refundShare.Amount += 5; session.Store(refundShare); // 9. a refund booked larger
            session.Delete(await Line(a, "sale_fee"));                                             // 10. a sale's platform fee never booked
            payout = await session.Query<PayoutView>().SingleAsync(p => p.CreatorId == PlatformApp.UserId(shop.Creator));
            session.Delete<ProviderEventRecord>($"evt_local_payout_{payout.Id:N}");               // 11. a payout the provider lacks
            await session.SaveChangesAsync();
        }

        var found = (await Finance.Data(when_finance_reconciles_random_money_flows.Reconcile, new { f = from, t = to })).GetProperty("reconciliation").GetProperty("mismatches").EnumerateArray()
            .ToDictionary(m => m.GetProperty("key").GetString()!, m => (m.GetProperty("kind").GetString(), when_finance_reconciles_random_money_flows.Side(m, "ledgerAmount"), when_finance_reconciles_random_money_flows.Side(m, "providerAmount")));
        string Pi(string purchase) => LocalStripeEvents.PaymentIntentId(Guid.Parse(purchase));
        var fee1000 = LocalPaymentProvider.StandardCardFee(1000);
        var expected = new Dictionary<string, (string?, long?, long?)>
        {
            [$"fee:{Pi(a)}"] = ("MISSING_IN_LEDGER", null, fee1000),
            [$"payment:{Pi(b)}"] = ("AMOUNT_DIFFERS", 999, 1000),
            [$"payment:pi_local_planted"] = ("MISSING_IN_LEDGER", null, 1000),
            [$"fee:pi_local_planted"] = ("MISSING_IN_LEDGER", null, fee1000),
            [$"fee:{Pi(c)}"] = ("AMOUNT_DIFFERS", fee1000 + 1, fee1000),
            [$"payment:{Pi(d)}"] = ("MISSING_AT_PROVIDER", 1000, null),
            [$"fee:{Pi(d)}"] = ("MISSING_AT_PROVIDER", fee1000, null),
            [$"payment:{Pi(e)}"] = ("AMOUNT_DIFFERS", 1000, 2000),
            [$"fee:{Pi(e)}"] = ("AMOUNT_DIFFERS", fee1000, 2 * fee1000),
            [$"payment:{Pi(a)}"] = ("AMOUNT_DIFFERS", 1000 - 150, 1000),
            [$"payout:{LocalStripeEvents.PayoutId(payout.Id)}"] = ("MISSING_AT_PROVIDER", payout.Amount, null),
        };
        foreach (var (key, value) in expected) Assert.Equal((key, value), (key, found.GetValueOrDefault(key)));
        var refunds = found.Where(m => m.Key.StartsWith("refund:")).Select(m => m.Value).OrderBy(v => v.Item1).ToList();
        Assert.Equal([("AMOUNT_DIFFERS", 305L, 300L), ("MISSING_AT_PROVIDER", 300L, null), ("MISSING_IN_LEDGER", null, 300L)], refunds);
        Assert.Equal(expected.Count + 3, found.Count);
    }
}
