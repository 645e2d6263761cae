using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.IntegrationTests.Support;

/// <summary>A loopback TCP relay to a server, which a test can cut (every connection dropped, new ones closed at once) and restore: an outage without stopping the server.</summary>
public sealed class TcpProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, bool> connections = new();
    private readonly string targetHost;
    private readonly int targetPort;
    private volatile bool cut;

    public TcpProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>A relay to the connection string's PostgreSQL, and the connection string that goes through it (a short connect timeout).</summary>
    public static (TcpProxy Relay, string ConnectionString) ToDatabase(string connectionString)
    {
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var relay = new TcpProxy(settings.Host!, settings.Port);
        settings.Host = "127.0.0.1";
        settings.Port = relay.Port;
        settings.Timeout = 3;
        return (relay, settings.ConnectionString);
    }

    public void Cut()
    {
        cut = true;
        foreach (var connection in connections.Keys) connection.Dispose();
    }

    public void Restore() => cut = false;

    private async Task AcceptLoop()
    {
        while (true)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            if (cut)
            {
                client.Dispose();
                continue;
            }
            var upstream = new TcpClient();
            try { await upstream.ConnectAsync(targetHost, targetPort); }
            catch (SocketException)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }
            connections[client] = true;
            connections[upstream] = true;
            _ = Relay(client, upstream);
            _ = Relay(upstream, client);
        }
    }

    private async Task Relay(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
        finally
        {
            from.Dispose();
            to.Dispose();
            connections.TryRemove(from, out _);
            connections.TryRemove(to, out _);
        }
    }

    public void Dispose()
    {
        listener.Stop();
        Cut();
    }
}
