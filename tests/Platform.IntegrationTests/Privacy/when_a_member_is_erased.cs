using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Privacy;
using Platform.IntegrationTests.Support;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;

namespace Platform.IntegrationTests.Privacy;

/// <summary>Crypto-shredding (PRIV): the events stay, the person's key goes, and nothing readable of them is left.</summary>
public sealed class when_a_member_is_erased(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly PrivacyScenario scenario = new(app);

    [Fact]
    public async Task after_every_projection_is_rebuilt_nothing_in_the_database_names_them_and_the_ledger_balances_and_reconciles()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var shop = await scenario.OpenShop();
        var person = await scenario.Register();
        var post = await scenario.Busy(person, shop);
        // They bought and were partly refunded; they also sold: a course of theirs, bought by someone else, leaves a payout owed to them.
        var purchaseId = (await PurchasesOf(person.Id)).Single().Id;
        await app.Client(shop.Creator).Data("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { amount: 500, reason: \"privacy\" }) { id } }", new { p = purchaseId });
        var theirShop = await scenario.OpenShop(person.Subject);
        var sold = await PrivacyScenario.JoinAndBuy(app.Client(PrivacyScenario.User("buyer")), theirShop);
        var to = DateTimeOffset.UtcNow.AddMinutes(5);
        var before = await Reconciled(from, to, atLeast: 5); // their payment, its fee, their refund; the sale of their course and its fee
        await app.WaitForProjections();
        await PayoutOwedTo(person.Id, sold); // the ledger settled: their share of the sale is payable to them
        foreach (var term in person.Identifying) Assert.NotEmpty(await DecryptedEventHits(term)); // the search below can find them
        Assert.NotEmpty(await scenario.TableHits(person.DisplayName));
        Assert.Empty(await RawEventHits(person.Email)); // sealed from the start: the stored events never held it in clear
        var ledger = (await LedgerLines()).Select(Line).ToList();
        Assert.NotEmpty(ledger);

        var me = app.Client(person.Subject);
        Assert.Equal("VALIDATION", (await me.Send("mutation { deleteMyAccount(confirmation: \"someone-else\") { userId } }")).FirstErrorCode);
        var erased = (await me.Data("mutation($c: String!) { deleteMyAccount(confirmation: $c) { userId erasedAt } }", new { c = person.Handle }))
            .GetProperty("deleteMyAccount");
        Assert.Equal(person.Id.ToString(), erased.GetProperty("userId").GetString());
        Assert.Equal("UNAUTHENTICATED", (await me.Send("{ me { id } }")).FirstErrorCode); // their sessions end

        await scenario.RebuildEveryProjection();

        foreach (var term in person.Identifying)
        {
            Assert.Empty(await scenario.TableHits(term));
            Assert.Empty(await DecryptedEventHits(term));
        }
        var after = (await LedgerLines()).Select(Line).ToList();
        Assert.Equal(ledger, after); // every line, amount and id as before
        var purchase = Assert.Single(await PurchasesOf(person.Id));
        Assert.Equal((2000, 500), (purchase.Gross, purchase.Refunded)); // kept with its amounts; the buyer is an id that names no one now

        // The ledger still balances (every account together sums to zero), and reconciles with the provider amount by amount.
        var lines = await LedgerLines();
        Assert.Equal(0, lines.SelectMany(l => new[] { l.DebitAccount, l.CreditAccount }).Distinct().Sum(a => Balance(lines, a)));
        var reconciled = await Reconciled(from, to, atLeast: before);
        Assert.Equal(before, reconciled);
        // The payout owed to them as a creator is still traceable by their id and the purchase's.
        Assert.Equal(await PayoutOwedTo(person.Id, sold), -Balance(lines, LedgerLine.CreatorPayable(person.Id)));

        var admin = app.Client(PrivacyScenario.User("admin"), "admin");
        var trail = (await admin.Data("query($id: ID!) { auditTrail(entityType: USER, entityId: $id) { nodes { type actor data } } }", new { id = person.Id }))
            .GetProperty("auditTrail").GetProperty("nodes").EnumerateArray().ToList();
        var erasure = Assert.Single(trail, n => n.GetProperty("type").GetString() == nameof(AccountErased));
        Assert.Equal(person.Id.ToString(), erasure.GetProperty("actor").GetString());
        Assert.DoesNotContain(trail, n => person.Identifying.Any(term => n.GetProperty("data").GetString()!.Contains(term, StringComparison.OrdinalIgnoreCase)));

        // Their post stays, from "a deleted member".
        var author = (await app.Client(shop.Creator).Data("query($p: ID!) { post(id: $p) { body author { handle displayName } } }", new { p = post }))
            .GetProperty("post");
        Assert.Equal("Written by me", author.GetProperty("body").GetString());
        Assert.Equal(ErasedAccount.DeletedMember, author.GetProperty("author").GetProperty("displayName").GetString());
    }

    /// <summary>Runs finance's reconciliation until it is clean (fees and refunds settle after the commands); the amounts matched.</summary>
    private async Task<int> Reconciled(DateTimeOffset from, DateTimeOffset to, int atLeast)
    {
        var finance = app.Client(PrivacyScenario.User("fin"), "finance");
        var report = await Given.Eventually(async () =>
        {
            await app.WaitForProjections();
            return (await finance.Data("query($f: DateTimeOffset!, $t: DateTimeOffset!) { reconciliation(input: { from: $f, to: $t }) { matched mismatches { key kind } } }",
                new { f = from, t = to })).GetProperty("reconciliation");
        }, r => r.GetProperty("mismatches").GetArrayLength() == 0 && r.GetProperty("matched").GetInt32() >= atLeast, TimeSpan.FromSeconds(60));
        Assert.True(report.GetProperty("mismatches").GetArrayLength() == 0, $"Mismatches: {report.GetProperty("mismatches")}");
        Assert.True(report.GetProperty("matched").GetInt32() >= atLeast, $"Matched: {report}");
        return report.GetProperty("matched").GetInt32();
    }

    /// <summary>The creator's share of <paramref name="purchaseId"/>, found by ids alone: what finance pays out to them.</summary>
    private async Task<long> PayoutOwedTo(Guid creatorId, Guid purchaseId)
    {
        var share = Assert.Single(await LedgerLines(), l => l.PurchaseId == purchaseId && l.Kind == "sale_share");
        Assert.Equal(LedgerLine.CreatorPayable(creatorId), share.CreditAccount);
        Assert.Equal(creatorId, share.CreatorId);
        var earnings = (await app.Client(PrivacyScenario.User("fin"), "finance").Data(
            "query($c: ID!) { earnings(input: { creatorId: $c }) { creatorShare { amount } } }", new { c = creatorId })).GetProperty("earnings");
        Assert.Equal(share.Amount, earnings.GetProperty("creatorShare").GetProperty("amount").GetInt64());
        return share.Amount;
    }

    private static long Balance(IEnumerable<LedgerLine> lines, string account) =>
        lines.Where(l => l.DebitAccount == account).Sum(l => l.Amount) - lines.Where(l => l.CreditAccount == account).Sum(l => l.Amount);

    private async Task<IReadOnlyList<PurchaseView>> PurchasesOf(Guid buyerId)
    {
        await using var reads = Store.QuerySession();
        return await reads.Query<PurchaseView>().Where(p => p.BuyerId == buyerId).ToListAsync();
    }

    private IDocumentStore Store => app.Host.Services.GetRequiredService<IDocumentStore>();

    private async Task<List<string>> RawEventHits(string term) => [.. (await scenario.TableHits(term)).Where(h => h.Contains(".mt_events:"))];

    /// <summary>Every event as the application reads it (personal fields opened where a key allows), searched for <paramref name="term"/>.</summary>
    private async Task<List<string>> DecryptedEventHits(string term)
    {
        await using var reads = Store.QuerySession();
        var events = await reads.Events.QueryAllRawEvents().ToListAsync();
        return [.. events.Select(e => $"{e.EventTypeName}: {JsonSerializer.Serialize(e.Data, e.Data.GetType())}")
            .Where(json => json.Contains(term, StringComparison.OrdinalIgnoreCase))];
    }

    private async Task<List<LedgerLine>> LedgerLines()
    {
        await using var reads = Store.QuerySession();
        return [.. (await reads.Query<LedgerLine>().ToListAsync()).OrderBy(l => l.Id)];
    }

    private static string Line(LedgerLine l) => $"{l.Id} {l.DebitAccount} {l.CreditAccount} {l.Amount} {l.Currency} {l.PurchaseId} {l.CreatorId}";
}
