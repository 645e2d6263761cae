using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Api.Privacy;
using Platform.Contracts.Privacy;
using Platform.IntegrationTests.Support;
using Platform.Projections.Ledger;
using Wolverine;

namespace Platform.IntegrationTests.Privacy;

/// <summary>The platform on a clock the test moves: the retention period passes in a moment.</summary>
public sealed class RetentionApp : PlatformApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>Retention (PRIV): after the admin's period, the daily sweep removes an erased person's non-ledger events, once, audited.</summary>
public sealed class when_an_erased_accounts_retention_period_ends(RetentionApp app) : IClassFixture<RetentionApp>
{
    private readonly PrivacyScenario scenario = new(app);

    [Fact]
    public async Task the_sweep_removes_their_non_ledger_events_once_keeps_the_ledger_and_a_rebuild_shows_nothing_they_wrote()
    {
        var admin = app.Client(PrivacyScenario.User("admin"), "admin");
        Assert.Equal("VALIDATION", (await admin.Send("mutation { setErasedAccountRetention(days: 0) }")).FirstErrorCode);
        Assert.Equal(10, (await admin.Data("mutation { setErasedAccountRetention(days: 10) }")).GetProperty("setErasedAccountRetention").GetInt32());

        var shop = await scenario.OpenShop();
        var person = await scenario.Register();
        await scenario.Busy(person, shop);
        await app.Client(person.Subject).Data("mutation($c: String!) { deleteMyAccount(confirmation: $c) { userId } }", new { c = person.Handle });
        await app.WaitForProjections();
        var ledger = await LedgerLines();
        var before = await EventsCausedBy(person.Id);
        Assert.Contains(before, e => e.Type == "message_sent");

        app.Clock.Advance(TimeSpan.FromDays(9));
        Assert.Equal(0, await Sweep()); // not yet
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await Sweep());
        Assert.Equal(0, await Sweep()); // once

        // What stays of theirs: money events, the privacy records, and the start of a stream others wrote to (their post, commented on).
        var after = await EventsCausedBy(person.Id);
        Assert.All(after, e => Assert.True(ErasedAccountRetention.KeptNamespaces.Any(e.DotNetType.StartsWith) || e.Version == 1, $"{e.Type} v{e.Version}"));
        Assert.Contains(after, e => e.Type == "account_erased");
        Assert.Contains(after, e => e.DotNetType.StartsWith("Platform.Contracts.Commerce."));
        var purged = Assert.Single((await app.EventsOf(person.Id)).Select(e => e.Data).OfType<ErasedAccountPurged>());
        Assert.Equal((10, before.Count - after.Count), (purged.RetentionDays, purged.EventsRemoved));

        var trail = (await admin.Data("query($id: ID!) { auditTrail(entityType: USER, entityId: $id) { nodes { type actor } } }", new { id = person.Id }))
            .GetProperty("auditTrail").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal("schedule:erased-account-retention", Assert.Single(trail, n => n.GetProperty("type").GetString() == nameof(ErasedAccountPurged)).GetProperty("actor").GetString());

        await scenario.RebuildEveryProjection(); // every stream still starts with its first event, so every projection rebuilds
        Assert.Equal(ledger, await LedgerLines());
        foreach (var words in new[] { "My comment", "My message" }) Assert.Empty(await scenario.TableHits(words));
        // The ticket they opened keeps its opening: staff answered it, so the stream keeps its first event (docs/privacy.md).
        Assert.Contains(await scenario.TableHits("Help me"), h => h.Contains(".mt_events:"));
    }

    private async Task<int> Sweep()
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<int>(new PurgeErasedAccounts(Scheduled: false));
    }

    private sealed record Caused(string Type, string DotNetType, int Version);

    private async Task<List<Caused>> EventsCausedBy(Guid userId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select type, mt_dotnet_type, version from platform.mt_events where user_name = $1", connection);
        command.Parameters.AddWithValue(userId.ToString());
        var events = new List<Caused>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) events.Add(new Caused(reader.GetString(0), reader.GetString(1), (int)reader.GetInt64(2)));
        return events;
    }

    private async Task<List<string>> LedgerLines()
    {
        await using var reads = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await reads.Query<LedgerLine>().ToListAsync()).OrderBy(l => l.Id).Select(l => $"{l.Id} {l.DebitAccount} {l.CreditAccount} {l.Amount} {l.PurchaseId}")];
    }
}
