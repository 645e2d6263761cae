using System.Text.Json;
using Npgsql;

namespace Platform.Api.Live;

/// <summary>Holds one LISTEN connection per node and hands each notification to <see cref="LiveEvents"/>; reconnects after failures.</summary>
public sealed class LiveEventListener(NpgsqlDataSource dataSource, LiveEvents live, ILogger<LiveEventListener> logger) : BackgroundService
{
    /// <summary>Whether the LISTEN connection is up now (readiness reports it).</summary>
    public bool IsListening { get; private set; }

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
                IsListening = true;
                await using var probe = new NpgsqlCommand("select 1", connection);
                // A half-open connection would wait forever: when nothing arrives for a while, probe it.
                while (!stoppingToken.IsCancellationRequested)
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken)) await probe.ExecuteScalarAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                IsListening = false;
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
