using System.Diagnostics;
using Npgsql;

namespace Platform.IntegrationTests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>PLATFORM_DB</c> when set, otherwise a throwaway cluster
/// started once per test process with the same script <c>./platform up</c> uses, and stopped at exit.
/// Every fixture gets a database of its own on it.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a fixture's database, so runs against a shared server (PLATFORM_DB) leave nothing behind.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_DB") is { Length: > 0 } given) return given;
        var directory = Path.Combine(Path.GetTempPath(), $"platform-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var connectionString = RunScript("cluster-start", directory).Trim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunScript("cluster-stop", directory);
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return connectionString;
    }

    /// <summary>Runs <c>./platform COMMAND DIRECTORY</c> and returns what it printed.</summary>
    internal static string RunScript(string command, string directory)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "platform"), command, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PLATFORM_PG_FSYNC"] = "off" }, // a throwaway cluster need not survive a power cut
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"./platform {command} failed: {error}");
        return output;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }
}
