using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Benchmarks;

/// <summary>
/// The API as its own process, started the way <c>./platform up</c> starts it (its ReadyToRun build, Development environment,
/// the embedded issuer), on a free port, demo data off. Its output goes to a log file beside the bench's keys.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;

    private ApiProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }
    public int Pid => process.Id;
    public TimeSpan CpuTime => Machine.CpuTime(process.Id);

    /// <summary>Runs the API's own command line (<c>projections rebuild</c>, ...) with the same settings, or serves when no arguments.</summary>
    public static Process Launch(Workspace workspace, string connectionString, string arguments, string url)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            // exec: the process we watch (CPU, memory, signals) is dotnet itself, not the shell.
            ArgumentList = { "-c", "exec dotnet \"$0\" $1 >>\"$2\" 2>&1", workspace.ApiDll, arguments, workspace.ApiLog },
            // In the workspace, so the keys, mail and files the API makes for itself go with it; its content root stays its project.
            WorkingDirectory = workspace.Directory,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(workspace.ApiProject)!;
        start.Environment["PLATFORM_DB"] = connectionString;
        start.Environment["PLATFORM_URL"] = url;
        start.Environment["Platform__DemoData"] = "false";
        start.Environment["Auth__KeyPath"] = workspace.KeyPath;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Video__MediaPath"] = Path.Combine(workspace.Directory, "media");
        // A load test from one address measures throughput: the abuse limits (docs/security.md) would only measure themselves.
        foreach (var limit in (string[])["Requests", "Operations", "Mutations", "MoneyOperations", "WebSocketConnections"])
            start.Environment[$"RateLimits__{limit}__PermitLimit"] = "1000000000";
        start.Environment["RateLimits__OpenWebSocketsPerAddress"] = "1000000000";
        foreach (var (key, value) in workspace.Settings) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    /// <summary>Starts the API and waits for <c>/health/ready</c>; also returns how long that took from process start.</summary>
    public static async Task<(ApiProcess Api, TimeSpan Ready)> Start(Workspace workspace, string connectionString)
    {
        var url = FreeUrl();
        var clock = Stopwatch.StartNew();
        var api = new ApiProcess(Launch(workspace, connectionString, "", url), url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (api.process.HasExited) break;
            try
            {
                using var response = await http.GetAsync($"{url}/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return (api, clock.Elapsed);
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { } // a loaded machine: no answer within the client's timeout yet
            await Task.Delay(20);
        }
        await api.DisposeAsync();
        throw new InvalidOperationException($"The API did not become ready; the end of {workspace.ApiLog}:\n" +
                                            string.Join('\n', File.ReadLines(workspace.ApiLog).TakeLast(30)));
    }

    /// <summary>A loopback URL on a port free now: never 5080, where someone's <c>./platform up</c> may be serving.</summary>
    public static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>Stops it as Ctrl-C would (SIGTERM: the daemon and Wolverine drain), and kills it if that takes too long.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await Machine.Run("kill", $"-TERM {process.Id}");
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { process.Kill(); }
        }
        process.Dispose();
    }
}

/// <summary>Where the bench keeps its files (keys, logs, media) and finds the API's build; <paramref name="LogName"/> tells nodes apart.</summary>
public sealed record Workspace(string Root, string Directory, string LogName = "api.log")
{
    /// <summary>Settings the API gets on top of the bench's own (environment variables, e.g. <c>Stripe__WebhookSecret</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string ApiProject => Path.Combine(Root, "src", "Platform.Api", "Platform.Api.csproj");
    /// <summary>What <c>./platform build</c> publishes (Release, ReadyToRun), and <c>./platform bench</c> and <c>faults</c> build first.</summary>
    public string ApiDll => Path.Combine(Root, "src", "Platform.Api", "bin", "Release", "publish", "Platform.Api.dll");
    public string ApiLog => Path.Combine(Directory, LogName);
    public string KeyPath => Path.Combine(Directory, "keys", "jwt-signing.pem");
}
