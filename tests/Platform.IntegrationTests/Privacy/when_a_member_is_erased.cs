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
    public async Task after_every_projection_is_rebuilt_nothing_in_the_database_names_them_and_the_ledger_is_unchanged()
    {
        var shop = await scenario.OpenShop();
        var person = await scenario.Register();
        var post = await scenario.Busy(person, shop);
        foreach (var term in person.Identifying) Assert.NotEmpty(await DecryptedEventHits(term)); // the search below can find them
        Assert.NotEmpty(await TableHits(person.DisplayName));
        Assert.Empty(await RawEventHits(person.Email)); // sealed from the start: the stored events never held it in clear
        var ledger = (await LedgerLines()).Select(Line).ToList();
        Assert.NotEmpty(ledger);

        var me = app.Client(person.Subject);
        Assert.Equal("VALIDATION", (await me.Send("mutation { deleteMyAccount(confirmation: \"someone-else\") { userId } }")).FirstErrorCode);
        var erased = (await me.Data("mutation($c: String!) { deleteMyAccount(confirmation: $c) { userId erasedAt } }", new { c = person.Handle }))
            .GetProperty("deleteMyAccount");
        Assert.Equal(person.Id.ToString(), erased.GetProperty("userId").GetString());
        Assert.Equal("UNAUTHENTICATED", (await me.Send("{ me { id } }")).FirstErrorCode); // their sessions end

        await app.WaitForProjections();
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var projection in Store.Options.Events.Projections().Select(p => p.Name).Distinct())
            await daemon.RebuildProjectionAsync(projection, CancellationToken.None);

        foreach (var term in person.Identifying)
        {
            Assert.Empty(await TableHits(term));
            Assert.Empty(await DecryptedEventHits(term));
        }
        Assert.Equal(ledger, (await LedgerLines()).Select(Line).ToList()); // every line, amount and id as before
        await using (var reads = Store.QuerySession())
        {
            var purchase = Assert.Single(await reads.Query<PurchaseView>().Where(p => p.BuyerId == person.Id).ToListAsync());
            Assert.Equal(2000, purchase.Gross); // kept with its amount; the buyer is an id that names no one now
        }

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

    private IDocumentStore Store => app.Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Every row of every table, as text, that contains <paramref name="term"/> (case-insensitive).</summary>
    private async Task<List<string>> TableHits(string term)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select format('%I.%I', table_schema, table_name) from information_schema.tables where table_type = 'BASE TABLE' " +
            "and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains(tables, t => t.EndsWith(".mt_events"));
        var hits = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"select r::text from {table} r where strpos(lower(r::text), lower($1)) > 0", connection);
            search.Parameters.AddWithValue(term);
            await using var reader = await search.ExecuteReaderAsync();
            while (await reader.ReadAsync()) hits.Add($"{table}: {reader.GetString(0)}");
        }
        return hits;
    }

    private async Task<List<string>> RawEventHits(string term) => [.. (await TableHits(term)).Where(h => h.Contains(".mt_events:"))];

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
