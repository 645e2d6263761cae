using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Hosting;

public sealed class when_the_platform_starts
{
    [Fact]
    public async Task an_unreachable_database_stops_it_with_a_clear_error_and_a_non_zero_exit()
    {
        var (exitCode, output) = await PlatformProcess.Run(
            new Dictionary<string, string?> { ["PLATFORM_DB"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3" },
            TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot reach the database", output);
        Assert.Contains("Host=127.0.0.1;Port=1", output);
    }

    [Fact]
    public async Task a_malformed_connection_string_stops_it_with_a_clear_error()
    {
        var (exitCode, output) = await PlatformProcess.Run(
            new Dictionary<string, string?> { ["PLATFORM_DB"] = "this is not a connection string" }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("PLATFORM_DB", output);
    }

    [Fact]
    public async Task without_a_database_setting_it_says_how_to_get_one()
    {
        var (exitCode, output) = await PlatformProcess.Run(new Dictionary<string, string?>(), TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set PLATFORM_DB", output);
    }
}
