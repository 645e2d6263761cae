using System.Diagnostics;

namespace Platform.IntegrationTests.Support;

/// <summary>The built API as its own process, for what happens before a host exists (start-up checks, exit codes).</summary>
public static class PlatformProcess
{
    /// <summary>Runs it until it exits (or fails after <paramref name="timeout"/>); stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> Run(IDictionary<string, string?> environment, TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Platform.Api.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment.Remove("PLATFORM_DB");
        start.Environment["PLATFORM_URL"] = "http://127.0.0.1:0";
        // Outside Development the start-up refuses the development providers: tests name another environment when they mean it.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Auth__KeyPath"] = Path.Combine(Path.GetTempPath(), "platform-tests-keys", "jwt-signing.pem");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The platform did not exit within {timeout}: {await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
