using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// The bench's own PostgreSQL cluster in a temporary directory, started with <c>./platform cluster-start</c> (fsync on, as
/// in production), with pg_stat_statements loaded so each phase can say which statements cost the most.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string root;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"platform-bench-{Guid.NewGuid():N}");

    private Cluster(string root) => this.root = root;

    /// <summary>The <c>platform</c> database the API uses.</summary>
    public string ConnectionString { get; private set; } = "";

    public string Version { get; private set; } = "";

    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(directory, "data", "postmaster.pid")).First());

    public static async Task<Cluster> Start(string root)
    {
        var cluster = new Cluster(root);
        try
        {
            await cluster.StartServer();
            // The library loads only at server start: configure it, then restart once.
            await cluster.Execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
            NpgsqlConnection.ClearAllPools();
            await Machine.Run(Path.Combine(root, "platform"), $"cluster-stop {cluster.directory}");
            await cluster.StartServer();
            await cluster.Execute("create extension if not exists pg_stat_statements");
            cluster.Version = (string)(await cluster.Scalar("show server_version"))!;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server; a second try when another cluster on this machine took the free port it had picked.</summary>
    private async Task StartServer()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ConnectionString = (await Machine.Run(Path.Combine(root, "platform"), $"cluster-start {directory}")).Split('\n').Last();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3) { }
        }
    }

    /// <summary>Stops the server as a power cut would (<c>pg_ctl stop -m immediate</c>: no checkpoint, crash recovery at the next start).</summary>
    public Task Crash() => Machine.Run(Path.Combine(root, "platform"), $"cluster-crash {directory}");

    /// <summary>Starts the server again after <see cref="Crash"/>, on the same port, so clients' connection strings still hold.</summary>
    public Task Restart() => StartServer();

    /// <summary>A new empty database on this cluster, e.g. for a cold start.</summary>
    public async Task<string> CreateDatabase(string name)
    {
        await Execute($"create database {name}", "postgres");
        return WithDatabase(name);
    }

    public string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, MaxPoolSize = 64 }.ConnectionString;

    public async Task Execute(string sql, string database = "platform")
    {
        await using var connection = new NpgsqlConnection(WithDatabase(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> Scalar(string sql, string database = "platform")
    {
        await using var connection = new NpgsqlConnection(WithDatabase(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public Task ResetStatements() => Execute("select pg_stat_statements_reset()");

    /// <summary>
    /// The statements run since the last reset, the <paramref name="count"/> with the most database time first, each with
    /// its calls per operation (the load-independent measure: a busy machine slows statements, it does not add them).
    /// </summary>
    public async Task<List<Row>> TopStatements(int count, int operations = 0, string orderBy = "total_exec_time")
    {
        await using var connection = new NpgsqlConnection(WithDatabase("platform"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            from pg_stat_statements join pg_database d on d.oid = dbid
            where d.datname = 'platform' and query not like '%pg_stat_statements%'
            order by {orderBy} desc limit $1
            """, connection);
        command.Parameters.AddWithValue(count);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new Dictionary<string, object?>
            {
                ["calls"] = reader.GetInt64(0),
                ["total ms"] = reader.GetDouble(1),
                ["mean ms"] = reader.GetDouble(2),
                ["rows"] = reader.GetInt64(3),
            };
            if (operations > 0) values["calls/op"] = (double)reader.GetInt64(0) / operations;
            rows.Add(new Row(reader.GetString(4), values));
        }
        return rows;
    }

    /// <summary>Statements and pooled-connection resets (<c>DISCARD ALL</c>) since the last reset.</summary>
    public async Task<(long Statements, long Resets)> StatementCalls()
    {
        await using var connection = new NpgsqlConnection(WithDatabase("platform"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce(sum(calls), 0)::bigint, coalesce(sum(calls) filter (where query = 'DISCARD ALL'), 0)::bigint
            from pg_stat_statements join pg_database d on d.oid = dbid
            where d.datname = 'platform' and query not like '%pg_stat_statements%'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Machine.Run(Path.Combine(root, "platform"), $"cluster-stop {directory}");
        Directory.Delete(directory, recursive: true);
    }
}
