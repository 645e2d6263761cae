using Npgsql;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Before the host starts: one connection attempt, so an unusable PLATFORM_DB ends the process with one
/// clear line and exit code 1 rather than a wall of aggregated start-up exceptions.
/// </summary>
public static class DatabasePreflight
{
    public static async Task<string?> ProblemWith(IConfiguration configuration)
    {
        string connectionString;
        NpgsqlConnectionStringBuilder settings;
        try
        {
            connectionString = PlatformOptions.ConnectionString(configuration);
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            return e is InvalidOperationException ? e.Message : $"PLATFORM_DB is not a valid Npgsql connection string: {e.Message}";
        }
        var where = $"Host={settings.Host};Port={settings.Port};Database={settings.Database}";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException)
        {
            return $"Cannot reach the database at {where}: {e.Message} (set PLATFORM_DB, or use ./platform up for a private cluster)";
        }
    }
}
