using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1, the ceiling everything else is compared with: single-row commits into a table shaped like Marten's
/// mt_events (same columns, the same unique keys), and reading such a table in sequence order.
/// </summary>
public static class RawPostgres
{
    public sealed record Ceiling(double InsertsPerSecond16, double ReadRowsPerSecond, double BareMartenPerSecond);

    // A MemberJoined-sized payload: the events the platform appends are this small.
    private const string Payload = """{"membershipId":"0b9a3c52-8c1e-4f0e-9a7e-6b1f0f6f2a11","communityId":"5f2d8a8e-2b7c-4a55-9d0e-3c1b2a4f6e77","userId":"e3c9b1d4-7a2f-4c8e-8b6a-1d2e3f4a5b6c","joinedAt":"2026-11-25T10:00:00+00:00"}""";

    public static async Task<(ScenarioResult, Ceiling)> Run(Cluster cluster, Profile profile)
    {
        var result = new ScenarioResult(1, "Raw PostgreSQL ceiling (mt_events-shaped table)");
        await cluster.Execute("create database bench_raw", "postgres");
        var connectionString = cluster.WithDatabase("bench_raw");
        await cluster.Execute("""
            create table bench_events (
              seq bigserial primary key, id uuid not null unique, stream_id uuid not null, version int not null,
              data jsonb not null, type text not null, timestamp timestamptz not null default now(), unique (stream_id, version))
            """, "bench_raw");

        var insertsPerSecond16 = 0.0;
        foreach (var connections in new[] { 1, Profile.Clients })
        {
            var load = await Inserts(connectionString, connections, profile);
            result.Rows.Add(new Row($"INSERT commit, {connections} connection{(connections > 1 ? "s" : "")}", new()
            {
                ["per s"] = load.PerSecond, ["p50 ms"] = load.Latency.Percentile(50), ["p99 ms"] = load.Latency.Percentile(99),
                ["errors"] = load.Errors,
            }));
            insertsPerSecond16 = load.PerSecond;
        }

        var (bareMarten, bareMartenPerSecond) = await BareMarten.Appends(cluster, profile);
        result.Rows.Add(bareMarten);
        var readRowsPerSecond = await SequentialRead(cluster, connectionString, profile.ReadRows);
        result.Rows.Add(new Row($"sequential read of {profile.ReadRows:N0} rows, 1 connection", new() { ["per s"] = readRowsPerSecond }));
        result.Notes.Add("Each INSERT is its own transaction (autocommit) with fsync on; the read takes every column of every row in `seq` order, " +
                         "as a projection rebuild does.");
        result.Notes.Add("Bare Marten appends a join's event (MemberJoined on a new stream) in this process, one session per append, with the platform's " +
                         "append mode and serializer; its CPU column is this bench process's (the load loop included).");
        return (result, new Ceiling(insertsPerSecond16, readRowsPerSecond, bareMartenPerSecond));
    }

    private static async Task<LoadResult> Inserts(string connectionString, int connections, Profile profile)
    {
        var commands = new NpgsqlCommand[connections];
        for (var i = 0; i < connections; i++)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            commands[i] = new NpgsqlCommand("insert into bench_events (id, stream_id, version, data, type) values ($1, $2, 1, $3::jsonb, 'member_joined')", connection)
            {
                Parameters = { new() { NpgsqlDbType = NpgsqlDbType.Uuid }, new() { NpgsqlDbType = NpgsqlDbType.Uuid }, new() { Value = Payload } },
            };
            await commands[i].PrepareAsync();
        }
        var load = await Load.ClosedLoop(connections, Task.Delay(profile.WarmUp), profile.RawDuration, async (client, _) =>
        {
            var command = commands[client];
            command.Parameters[0].Value = Guid.CreateVersion7();
            command.Parameters[1].Value = Guid.CreateVersion7();
            await command.ExecuteNonQueryAsync();
            return true;
        });
        foreach (var command in commands)
        {
            await command.Connection!.DisposeAsync();
            await command.DisposeAsync();
        }
        return load;
    }

    private static async Task<double> SequentialRead(Cluster cluster, string connectionString, int rows)
    {
        await cluster.Execute("truncate bench_events", "bench_raw");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var import = await connection.BeginBinaryImportAsync("copy bench_events (id, stream_id, version, data, type) from stdin (format binary)"))
        {
            for (var i = 0; i < rows; i++)
            {
                await import.StartRowAsync();
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await import.WriteAsync(1, NpgsqlDbType.Integer);
                await import.WriteAsync(Payload, NpgsqlDbType.Jsonb);
                await import.WriteAsync("member_joined", NpgsqlDbType.Text);
            }
            await import.CompleteAsync();
        }
        await cluster.Execute("vacuum analyze bench_events", "bench_raw"); // the steady state of an events table: visibility known

        var clock = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand("select seq, id, stream_id, version, data, type, timestamp from bench_events order by seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var read = 0;
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), reader.GetDateTime(6));
            read++;
        }
        return read / clock.Elapsed.TotalSeconds;
    }
}
