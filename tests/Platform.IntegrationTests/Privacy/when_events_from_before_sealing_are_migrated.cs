using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Api.Privacy;
using Platform.Contracts.Identity;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Privacy;

/// <summary>Events an earlier version wrote hold the personal fields in clear: the migration seals them, and so does an erasure.</summary>
public sealed class when_events_from_before_sealing_are_migrated(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly PrivacyScenario scenario = new(app);

    [Fact]
    public async Task the_migration_seals_them_in_place_and_an_erasure_without_it_still_shreds_them()
    {
        var migrated = await scenario.Register();
        var erased = await scenario.Register();
        var before = await Identity(migrated.Id);
        await Unseal(migrated.Id);
        await Unseal(erased.Id);
        Assert.NotEmpty(await StoredEventsContaining(migrated.Email));
        Assert.NotEmpty(await StoredEventsContaining(erased.Email));

        var legacy = app.Host.Services.GetRequiredService<LegacyPersonalData>();
        var pages = new List<int>();
        Assert.True(await legacy.SealAllAsync(pages.Add, CancellationToken.None) >= 4);
        Assert.Equal(0, await legacy.CountAsync(CancellationToken.None));
        Assert.Empty(await StoredEventsContaining(migrated.Email));
        Assert.Equal(before, await Identity(migrated.Id)); // the same records, read back

        await Unseal(erased.Id);
        await app.Client(erased.Subject).Data("mutation($c: String!) { deleteMyAccount(confirmation: $c) { userId } }", new { c = erased.Handle });
        foreach (var term in erased.Identifying) Assert.Empty(await StoredEventsContaining(term));
        Assert.All(await Identity(erased.Id), json => Assert.DoesNotContain(erased.DisplayName, json));
    }

    /// <summary>The person's identity events as the application reads them.</summary>
    private async Task<List<string>> Identity(Guid userId) =>
        [.. (await app.EventsOf(userId)).Where(e => e.Data is UserRegistered or ProfileUpdated).Select(e => JsonSerializer.Serialize(e.Data, e.Data.GetType()))];

    /// <summary>Rewrites the person's identity events the way an earlier version stored them: every field in clear.</summary>
    private async Task Unseal(Guid userId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var e in (await app.EventsOf(userId)).Where(e => e.Data is UserRegistered or ProfileUpdated))
        {
            await using var stored = new NpgsqlCommand("select data::text from platform.mt_events where seq_id = $1", connection);
            stored.Parameters.AddWithValue(e.Sequence);
            var camel = JsonDocument.Parse((string)(await stored.ExecuteScalarAsync())!).RootElement.TryGetProperty("userId", out _);
            var clear = JsonSerializer.Serialize(e.Data, e.Data.GetType(), new JsonSerializerOptions { PropertyNamingPolicy = camel ? JsonNamingPolicy.CamelCase : null });
            await using var update = new NpgsqlCommand("update platform.mt_events set data = $1::jsonb where seq_id = $2", connection);
            update.Parameters.AddWithValue(clear);
            update.Parameters.AddWithValue(e.Sequence);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
    }

    private async Task<List<string>> StoredEventsContaining(string term)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var search = new NpgsqlCommand("select data::text from platform.mt_events where strpos(lower(data::text), lower($1)) > 0", connection);
        search.Parameters.AddWithValue(term);
        var hits = new List<string>();
        await using var reader = await search.ExecuteReaderAsync();
        while (await reader.ReadAsync()) hits.Add(reader.GetString(0));
        return hits;
    }
}
