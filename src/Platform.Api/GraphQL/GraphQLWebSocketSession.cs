using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQLParser.AST;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Security;

namespace Platform.Api.GraphQL;

// Over 250 lines on purpose: this is the protocol's one state machine (initialisation, operations by id, the single
// writer, closing), and each part reads and changes the same per-connection state; split across files, the protocol's
// rules (which close code when) would no longer be readable in one place. Messages, options and the per-operation
// handle live beside it (GraphQLWebSocketMessages, GraphQLWebSocketOptions, GraphQLWebSocketOperation).

/// <summary>
/// One connection speaking the graphql-transport-ws protocol. The receive loop never blocks on execution,
/// and a single writer sends every frame, since WebSocket.SendAsync must not run concurrently.
/// </summary>
public sealed class GraphQLWebSocketSession(
    WebSocket socket,
    string connectionId,
    IServiceScopeFactory scopes,
    GraphQLRunner runner,
    IGraphQLTextSerializer serializer,
    TokenValidator tokens,
    GraphQLWebSocketOptions options,
    RateLimits rateLimits,
    string addressKey,
    TimeProvider clock,
    ILogger logger)
{
    public const string SubProtocol = "graphql-transport-ws";
    /// <summary>The protocol's "too many" close code (it names it for repeated initialisation); used for rate limits too.</summary>
    public const WebSocketCloseStatus TooManyRequests = (WebSocketCloseStatus)4429;
    // Bounded: a client that stops reading is disconnected rather than allowed to grow the server's memory.
    private readonly Channel<string> outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(options.MaxQueuedMessages) { SingleReader = true });
    private readonly ConcurrentDictionary<string, GraphQLWebSocketOperation> operations = new();
    private readonly CancellationTokenSource closing = new();
    private ClaimsPrincipal user = new(new ClaimsIdentity());
    private DateTimeOffset? tokenExpires;
    private bool initReceived;
    private bool acknowledged;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, closing.Token);
        var writer = WriteLoop();
        var initTimeout = CloseIfNotInitialised(linked.Token);
        try
        {
            await ReceiveLoop(linked.Token);
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException e)
        {
            logger.LogDebug(e, "WebSocket connection ended abruptly");
        }
        finally
        {
            foreach (var operation in operations.Values) operation.Dispose();
            operations.Clear();
            outbox.Writer.TryComplete();
            await writer;
            await closing.CancelAsync();
            await initTimeout;
        }
    }

    private async Task ReceiveLoop(CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !cancellation.IsCancellationRequested)
        {
            var frame = await socket.ReceiveAsync(buffer, cancellation);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "Normal closure");
                return;
            }
            if (message.Length + frame.Count > options.MaxMessageBytes)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big");
                return;
            }
            message.Write(buffer, 0, frame.Count);
            if (!frame.EndOfMessage) continue;
            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            if (frame.MessageType != WebSocketMessageType.Text)
            {
                await CloseInvalid("Binary messages are not part of the protocol");
                return;
            }
            if (!await HandleMessage(text)) return;
        }
    }

    /// <summary>Handles one protocol message; false when the connection was closed because of it.</summary>
    private async Task<bool> HandleMessage(string text)
    {
        JsonElement message;
        try
        {
            using var json = JsonDocument.Parse(text);
            message = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return await CloseInvalid("Invalid message received");
        }
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            return await CloseInvalid("Invalid message received");

        switch (typeElement.GetString())
        {
            case "connection_init":
                return await Initialise(message);
            case "ping":
                Send(new { type = "pong" });
                return true;
            case "pong":
                return true;
            case "subscribe":
                return await Subscribe(message);
            case "complete":
                if (GraphQLWebSocketMessages.TryGetId(message) is { } completed && operations.TryRemove(completed, out var operation)) operation.Dispose();
                return true;
            default:
                return await CloseInvalid($"Unexpected message type");
        }
    }

    private async Task<bool> Initialise(JsonElement message)
    {
        if (initReceived)
        {
            await CloseAsync(TooManyRequests, "Too many initialisation requests");
            return false;
        }
        initReceived = true;
        var token = message.TryGetProperty("payload", out var payload) ? GraphQLWebSocketMessages.BearerToken(payload) : null;
        if (token is not null)
        {
            var principal = await tokens.ValidateAsync(token, closing.Token);
            if (principal is null)
            {
                await CloseAsync((WebSocketCloseStatus)4403, "Forbidden");
                return false;
            }
            user = principal;
            tokenExpires = long.TryParse(principal.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;
            if (await Refusal(closing.Token) is { } refusal)
            {
                await CloseAsync((WebSocketCloseStatus)4403, GraphQLWebSocketMessages.CloseReason(refusal));
                return false;
            }
        }
        acknowledged = true;
        Send(new { type = "connection_ack" });
        return true;
    }

    /// <summary>Why a valid token is refused (a suspended account, with the reason), or null: told at connection_init, as HTTP answers 401.</summary>
    private async Task<string?> Refusal(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<CallerResolver>().Resolve(user, cancellation);
            return null;
        }
        catch (DomainException e) when (e.Code == ErrorCodes.Unauthenticated)
        {
            return e.Message;
        }
    }

    private async Task<bool> Subscribe(JsonElement message)
    {
        if (!acknowledged)
        {
            await CloseAsync((WebSocketCloseStatus)4401, "Unauthorized");
            return false;
        }
        if (tokenExpires <= clock.GetUtcNow())
        {
            await CloseAsync((WebSocketCloseStatus)4403, "Token expired");
            return false;
        }
        var id = GraphQLWebSocketMessages.TryGetId(message);
        if (id is null || !message.TryGetProperty("payload", out var payload)) return await CloseInvalid("Invalid message received");
        GraphQLOperation operation;
        try
        {
            operation = GraphQLRequestParser.FromJson(payload, serializer);
        }
        catch (GraphQLRequestException)
        {
            return await CloseInvalid("Invalid message received");
        }
        var document = runner.Parse(operation.Query);
        var operationType = document.OperationType(operation.OperationName);
        using (var lease = rateLimits.AcquireOperation(new OperationCharge(
                   RateLimits.CallerKey(user, addressKey), operationType, RateLimits.IsMoney(document.Document, operation.OperationName))))
        {
            // graphql-transport-ws has no per-operation refusal other than an error, and a client that floods must stop: close.
            if (!lease.IsAcquired)
            {
                await CloseAsync(TooManyRequests, $"Too many requests; retry after {RateLimits.RetryAfterSeconds(lease)} s");
                return false;
            }
        }
        var pending = new GraphQLWebSocketOperation();
        if (operations.Count >= options.MaxOperations)
        {
            await CloseAsync((WebSocketCloseStatus)4400, "Too many operations on one connection");
            return false;
        }
        if (!operations.TryAdd(id, pending))
        {
            await CloseAsync((WebSocketCloseStatus)4409, GraphQLWebSocketMessages.CloseReason($"Subscriber for {id} already exists"));
            return false;
        }
        // A subscription is set up before the next message is read, so a client's later messages (a ping, a mutation)
        // see it live; queries and mutations run beside the receive loop.
        if (operationType is OperationType.Subscription) await Execute(id, operation, document, pending);
        else _ = Task.Run(() => Execute(id, operation, document, pending));
        return true;
    }

    private async Task Execute(string id, GraphQLOperation operation, ParsedDocument document, GraphQLWebSocketOperation pending)
    {
        // A scope per operation: the socket's own services live as long as the socket.
        var scope = scopes.CreateAsyncScope();
        try
        {
            var caller = await scope.ServiceProvider.GetRequiredService<CallerResolver>().Resolve(user, pending.Cancellation);
            CommandContext.Stamp(scope.ServiceProvider, caller, $"{connectionId}.{id}");
            var result = await runner.ExecuteAsync(operation, document, user, scope.ServiceProvider, pending.Cancellation);
            // Per the protocol, a subscription that cannot start (refused, invalid) ends with one error message.
            if (!result.Executed || (document.OperationType(operation.OperationName) is OperationType.Subscription && result.Errors is { Count: > 0 }))
            {
                SendErrors(id, pending, result);
            }
            else if (result.Streams is { Count: > 0 } streams)
            {
                pending.Attach(streams.Values.First().Subscribe(new StreamObserver(this, id, pending, serializer)), scope);
                return;
            }
            else
            {
                SendRaw(id, "next", serializer.Serialize(result));
                Complete(id, pending);
            }
        }
        catch (OperationCanceledException) when (pending.Cancellation.IsCancellationRequested) { }
        catch (DomainException e) when (e.Code == ErrorCodes.Unauthenticated)
        {
            // Suspended since the connection opened: this operation is refused with the reason, as over HTTP.
            Forget(id, pending);
            SendRaw(id, "error", JsonSerializer.Serialize(new[] { new { message = e.Message, extensions = new { code = e.Code } } }));
        }
        catch (Exception e)
        {
            logger.LogError(e, "GraphQL WebSocket operation {OperationId} failed", id);
            await CloseAsync((WebSocketCloseStatus)4500, "Internal server error");
        }
        if (!pending.HasSubscription)
        {
            Forget(id, pending);
            await scope.DisposeAsync();
        }
    }

    /// <summary>Removes this operation only: once completed, its id may already belong to a newer one.</summary>
    private void Forget(string id, GraphQLWebSocketOperation operation)
    {
        if (operations.TryRemove(new KeyValuePair<string, GraphQLWebSocketOperation>(id, operation))) operation.Dispose();
    }

    private void Complete(string id, GraphQLWebSocketOperation operation)
    {
        Forget(id, operation);
        Send(new { id, type = "complete" });
    }

    private void SendErrors(string id, GraphQLWebSocketOperation operation, ExecutionResult result)
    {
        Forget(id, operation);
        using var json = JsonDocument.Parse(serializer.Serialize(result));
        var errors = json.RootElement.TryGetProperty("errors", out var e) ? e.GetRawText() : "[]";
        SendRaw(id, "error", errors);
    }

    private void SendRaw(string id, string type, string payloadJson) =>
        Enqueue($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"{type}\",\"payload\":{payloadJson}}}");

    private void Send(object message) => Enqueue(JsonSerializer.Serialize(message));

    private void Enqueue(string text)
    {
        if (outbox.Writer.TryWrite(text) || outbox.Reader.Completion.IsCompleted) return;
        logger.LogWarning("A WebSocket client fell {Count} messages behind; closing it", options.MaxQueuedMessages);
        _ = CloseAsync(WebSocketCloseStatus.PolicyViolation, "Too many unread messages");
    }

    private async Task WriteLoop()
    {
        await foreach (var text in outbox.Reader.ReadAllAsync())
        {
            if (socket.State != WebSocketState.Open) continue;
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                logger.LogDebug(e, "Could not send on a closing WebSocket");
            }
        }
    }

    private async Task CloseIfNotInitialised(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(options.ConnectionInitTimeout, clock, cancellation);
            if (!initReceived) await CloseAsync((WebSocketCloseStatus)4408, "Connection initialisation timeout");
        }
        catch (OperationCanceledException) { }
    }

    private async Task<bool> CloseInvalid(string reason)
    {
        await CloseAsync((WebSocketCloseStatus)4400, reason);
        return false;
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        outbox.Writer.TryComplete();
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                logger.LogDebug(e, "Close failed");
            }
        }
        await closing.CancelAsync();
    }

    private sealed class StreamObserver(GraphQLWebSocketSession session, string id, GraphQLWebSocketOperation operation, IGraphQLTextSerializer serializer)
        : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => session.SendRaw(id, "next", serializer.Serialize(value));
        public void OnError(Exception error) => session.SendErrors(id, operation,
            new ExecutionResult { Errors = [new ExecutionError("The subscription failed.") { Code = ErrorCodes.Internal }] });
        public void OnCompleted() => session.Complete(id, operation);
    }
}
