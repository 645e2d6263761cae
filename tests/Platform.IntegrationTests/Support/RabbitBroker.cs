using System.Diagnostics;
using RabbitMQ.Client;

namespace Platform.IntegrationTests.Support;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server, started by <c>./platform rabbit-start</c>) with its own node name, ports and data
/// under a directory of its own, so runs in other checkouts never meet it. Restarting keeps its data: durable queues and persistent
/// messages survive, as on a real broker.
/// </summary>
public sealed class RabbitBroker : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"platform-rabbit-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    public string Uri { get; private set; } = "";

    public static async Task<RabbitBroker> StartAsync()
    {
        var broker = new RabbitBroker();
        await broker.Start();
        return broker;
    }

    public Task Start() => Task.Run(() => Uri = TestCluster.RunScript("rabbit-start", directory).Trim());

    /// <summary>The broker dies at once (kill -9): nothing is flushed or closed cleanly.</summary>
    public async Task Crash()
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(directory, "pid"))).Trim());
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async Task<IConnection> Connect() => await new ConnectionFactory { Uri = new Uri(Uri) }.CreateConnectionAsync();

    public async ValueTask DisposeAsync()
    {
        await Task.Run(() => TestCluster.RunScript("rabbit-stop", directory));
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
