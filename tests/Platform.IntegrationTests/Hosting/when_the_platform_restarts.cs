using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Support;
using Platform.Projections.Communities;

namespace Platform.IntegrationTests.Hosting;

/// <summary>
/// A start on an existing database skips the schema comparison when the configured schema is the one last applied
/// (Weasel's schema fingerprint), and still applies a schema whose configuration changed.
/// </summary>
public sealed class when_the_platform_restarts(PlatformApp first) : IClassFixture<PlatformApp>
{
    private const string AddedIndex = "mt_doc_communitycard_restart_probe";

    [Fact]
    public async Task an_unchanged_schema_is_not_applied_again()
    {
        var stamped = await Stamps(first.ConnectionString);
        Assert.NotEmpty(stamped);

        await using (await first.StartNode(first.ConnectionString)) { }

        // A full apply re-records its stamp with a new time; a skipped one leaves the stamps as they were.
        Assert.Equal(stamped, await Stamps(first.ConnectionString));
    }

    [Fact]
    public async Task a_changed_schema_is_applied_on_the_next_start()
    {
        Assert.False(await IndexExists(first.ConnectionString));

        await using (await new WithAnAddedIndex().StartNode(first.ConnectionString)) { }

        Assert.True(await IndexExists(first.ConnectionString));
    }

    /// <summary>The same application with one more index in its Marten configuration.</summary>
    private sealed class WithAnAddedIndex : PlatformApp
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.ConfigureMarten(options => options.Schema.For<CommunityCard>().Index(card => card.FeePercent, index => index.Name = AddedIndex));
    }

    private static async Task<List<string>> Stamps(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select fingerprint || ' ' || applied_at from public.weasel_schema_fingerprints order by 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stamps = new List<string>();
        while (await reader.ReadAsync()) stamps.Add(reader.GetString(0));
        return stamps;
    }

    private static async Task<bool> IndexExists(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_indexes where indexname = @name", connection);
        command.Parameters.AddWithValue("name", AddedIndex);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
