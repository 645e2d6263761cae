using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Alba;

namespace Platform.IntegrationTests.Support;

/// <summary>A graphql-transport-ws client over the test server, reading one message at a time.</summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    private readonly WebSocket socket;

    private GraphQLWebSocketClient(WebSocket socket) => this.socket = socket;

    public static async Task<GraphQLWebSocketClient> Connect(IAlbaHost host, string? subProtocol = "graphql-transport-ws")
    {
        var client = host.Server.CreateWebSocketClient();
        if (subProtocol is not null) client.SubProtocols.Add(subProtocol);
        var socket = await client.ConnectAsync(new Uri(host.Server.BaseAddress, "graphql"), CancellationToken.None);
        return new GraphQLWebSocketClient(socket);
    }

    public Task SendText(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task Send(object message) => SendText(JsonSerializer.Serialize(message));

    public async Task Initialise(string? token = null)
    {
        await Send(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { Authorization = $"Bearer {token}" } });
        var ack = await Receive();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }

    /// <summary>The next message, or a failure when the server closes or stays silent.</summary>
    public async Task<JsonElement> Receive(TimeSpan? timeout = null)
    {
        var (message, close) = await Next(timeout ?? TimeSpan.FromSeconds(15));
        Assert.True(message is not null, $"Expected a message, the server closed with {close}");
        return message.Value;
    }

    /// <summary>Waits for the server to close the connection and returns its close code.</summary>
    public async Task<int> ExpectClose(TimeSpan? timeout = null)
    {
        var (message, close) = await Next(timeout ?? TimeSpan.FromSeconds(15));
        Assert.True(message is null, $"Expected a close, got {message}");
        return close!.Value;
    }

    /// <summary>The reason the server gave when it closed the connection.</summary>
    public string? CloseReason => socket.CloseStatusDescription;

    /// <summary>Reads past any messages until the server closes the connection; its close code.</summary>
    public async Task<int> ExpectCloseAfterMessages(TimeSpan? timeout = null)
    {
        while (true)
        {
            var (_, close) = await Next(timeout ?? TimeSpan.FromSeconds(15));
            if (close is not null) return close.Value;
        }
    }

    private async Task<(JsonElement? Message, int? Close)> Next(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var frame = await socket.ReceiveAsync(buffer, cancellation.Token);
            if (frame.MessageType == WebSocketMessageType.Close) return (null, (int)socket.CloseStatus!.Value);
            text.Write(buffer, 0, frame.Count);
            if (frame.EndOfMessage) return (JsonDocument.Parse(text.ToArray()).RootElement.Clone(), null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); }
            catch (WebSocketException) { }
        }
        socket.Dispose();
    }
}
