using Npgsql;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Fresh planner statistics on the event tables. The daemon and rebuilds page through <c>mt_events</c> by <c>seq_id</c>;
/// planned on statistics that still describe a small table, each page becomes a hash join over every later event and every
/// stream, so a rebuild grows quadratically (docs/benchmarks.md, "Biggest costs"). PostgreSQL's default re-analyses a table
/// after 10 % of it changed; an event table that only grows is analysed ever more rarely. These settings make it 1 %.
/// </summary>
public sealed class EventTableStatistics(NpgsqlDataSource database, ILogger<EventTableStatistics> log) : IHostedService
{
    private static readonly string[] Tables = ["platform.mt_events", "platform.mt_streams"];

    // As pg_class.reloptions spells them.
    private static readonly string[] Settings = ["autovacuum_analyze_scale_factor=0.01", "autovacuum_vacuum_scale_factor=0.05"];

    /// <summary>Runs after Marten applied the schema (hosted services start in order of registration); a no-op once set.</summary>
    public async Task StartAsync(CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(
            "select count(*) from pg_class where oid = any(@tables::regclass[]) and not coalesce(reloptions, '{}') @> @settings");
        command.Parameters.AddWithValue("tables", Tables);
        command.Parameters.AddWithValue("settings", Settings);
        if ((long)(await command.ExecuteScalarAsync(cancellation))! == 0) return;
        foreach (var table in Tables)
        {
            await using var alter = database.CreateCommand($"alter table {table} set ({string.Join(", ", Settings)})");
            await alter.ExecuteNonQueryAsync(cancellation);
        }
        log.LogInformation("Set {Settings} on {Tables}", Settings, Tables);
    }

    public Task StopAsync(CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>Before a rebuild reads every event: statistics as of now, whatever autovacuum has done.</summary>
    public static async Task Analyze(IServiceProvider services, CancellationToken cancellation)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"analyze {string.Join(", ", Tables)}");
        try
        {
            await command.ExecuteNonQueryAsync(cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No event store yet: nothing to rebuild from, and Marten says so itself.
        }
    }
}
