using System.Text.Json;
using Npgsql;

namespace Platform.Api.Live;

/// <summary>Holds one LISTEN connection per node and hands each notification to <see cref="LiveEvents"/>; reconnects after failures.</summary>
public sealed class LiveEventListener(NpgsqlDataSource dataSource, LiveEvents live, ILogger<LiveEventListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the node is listening (readiness waits for it).</summary>
    public Task Listening => listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, n) => Relay(n.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveEvents.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Live event listener lost its connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Relay(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            live.Publish(new LiveEvent(root.GetProperty("type").GetString()!, root.GetProperty("data").Clone()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogWarning(e, "Ignored a malformed live event notification");
        }
    }
}
