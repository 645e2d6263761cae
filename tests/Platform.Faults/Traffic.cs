using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Api.Infrastructure;
using Platform.Benchmarks;

namespace Platform.Faults;

/// <summary>What the client knows of one operation: the server said it happened, said it did not, or never said.</summary>
public enum Outcome { Ok, Rejected, Unknown }

/// <summary>
/// One operation under the client's own key (<c>buyer/kind</c>: every buyer is a user made for one flow, so the key names
/// the one join, checkout, payment or refund the client meant), and what the client learned of it.
/// </summary>
public sealed record Operation(string Key, string Kind, Guid UserId, Guid? PurchaseId, Outcome Outcome, string? Error, DateTimeOffset At);

/// <summary>
/// Buyers in closed loops, each a new user: join the community → start a checkout → pay → part refunded. Two buyers in three
/// pay on the local provider's page (<c>completeLocalPayment</c>) and every second of them is refunded by the creator
/// (<c>refundPurchase</c>); every third buyer's payment and a provider-side refund arrive as signed webhooks instead, each
/// delivered twice and the refund first. An operation that is not acknowledged ends its buyer's flow; no operation is
/// retried under a new key, so the oracle can say whether each happened once or not at all.
/// </summary>
public sealed class Traffic(Nodes nodes, Setup setup)
{
    private readonly SignedWebhooks webhooks = new(nodes);

    public const long RefundAmount = 1000;

    private int buyers;
    private int writers;

    public ConcurrentQueue<Operation> Operations { get; } = new();

    /// <summary>When the last acknowledged write came back: recovery is measured from a fault to the next one.</summary>
    public DateTimeOffset LastOk { get; private set; }

    /// <summary>Runs <paramref name="clients"/> buyers in parallel until <paramref name="stop"/>.</summary>
    public Task Run(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            Interlocked.Increment(ref writers);
            try
            {
                while (!stop.IsCancellationRequested) await Flow($"fault-buyer-{Interlocked.Increment(ref buyers)}", stop);
            }
            finally { Interlocked.Decrement(ref writers); }
        })));

    public int Writers => writers;

    private async Task Flow(string user, CancellationToken stop)
    {
        var token = setup.Token(user);
        // The first request provisions the user; reading oneself again is harmless, so it is retried until it answers.
        Guid? userId = null;
        while (userId is null && !stop.IsCancellationRequested)
        {
            try { userId = (await Send(token, "{ me { id } }")).GetProperty("me").GetProperty("id").GetGuid(); }
            catch (Exception e) when (Classify(e) != Outcome.Ok) { await Task.Delay(200, CancellationToken.None); }
        }
        if (userId is not { } id) return;

        if (await Record(user, "join", id, null, async () =>
                await Send(token, "mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = setup.Community })) is null) return;
        var checkout = await Record(user, "checkout", id, null, async () =>
            await Send(token, "mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }", new { p = setup.Product }));
        if (checkout is null) return;
        var purchase = checkout.Value.GetProperty("startCheckout").GetProperty("checkoutId").GetGuid();
        var number = int.Parse(user[(user.LastIndexOf('-') + 1)..]);
        if (number % 3 == 0)
        {
            var refunded = await webhooks.Deliver(SignedWebhooks.Refunded(purchase, RefundAmount, Setup.Currency));
            var paid = await webhooks.Deliver(SignedWebhooks.Paid(purchase, Setup.Price, Setup.Currency));
            Remember(user, "pay", id, purchase, paid, null);
            // The refund waits for the payment it refunds: with the payment unknown, so is the refund's effect.
            Remember(user, "refund", id, purchase, paid == Outcome.Ok || refunded == Outcome.Rejected ? refunded : Outcome.Unknown, null);
            return;
        }
        if (await Record(user, "pay", id, purchase, async () =>
                await Send(token, "mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { status } }", new { c = purchase })) is null) return;
        if (number % 2 == 0)
            await Record(user, "refund", id, purchase, async () => await Send(setup.CreatorToken,
                "mutation($p: ID!, $a: Long!) { refundPurchase(purchaseId: $p, input: { amount: $a, reason: \"fault suite\" }) { status } }",
                new { p = purchase, a = RefundAmount }));
    }

    /// <summary>
    /// Sends one operation and records its outcome; the data when acknowledged. <c>CONFLICT</c> (a concurrent write to the same
    /// stream won) says nothing was written and to try again, so the client does, as a frontend would, under the same key.
    /// </summary>
    private async Task<JsonElement?> Record(string user, string kind, Guid userId, Guid? purchase, Func<Task<JsonElement>> send)
    {
        try
        {
            JsonElement data;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    data = await send();
                    break;
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith(ErrorCodes.Conflict + ":") && attempt < 5)
                {
                    await Task.Delay(200 * attempt);
                }
            }
            // The purchase id of a checkout is only known from its answer.
            var purchaseId = purchase ?? (kind == "checkout" ? data.GetProperty("startCheckout").GetProperty("checkoutId").GetGuid() : null);
            Remember(user, kind, userId, purchaseId, Outcome.Ok, null);
            return data;
        }
        catch (Exception e) when (Classify(e) is var outcome and not Outcome.Ok)
        {
            Remember(user, kind, userId, purchase, outcome, e.Message);
            return null;
        }
    }

    private void Remember(string user, string kind, Guid userId, Guid? purchase, Outcome outcome, string? error)
    {
        Operations.Enqueue(new Operation($"{user}/{kind}", kind, userId, purchase, outcome, error, DateTimeOffset.UtcNow));
        if (outcome == Outcome.Ok) LastOk = DateTimeOffset.UtcNow;
    }

    private async Task<JsonElement> Send(string token, string query, object? variables = null)
    {
        // While every node is down (between a kill and a restart of the last one), the operation waits for one rather than failing.
        (string Url, GraphQLApi Client)? node;
        while ((node = nodes.Any()) is null) await Task.Delay(100);
        return await node.Value.Client.Send(token, query, variables);
    }

    private const string ExecutionTimeout = "TIMEOUT";

    /// <summary>
    /// A GraphQL error with a domain code was refused before anything was written (no partial writes). A dropped connection,
    /// a timeout, an unreadable answer, or <c>UNAVAILABLE</c>/<c>INTERNAL_SERVER_ERROR</c>/<c>TIMEOUT</c> (GraphQL.NET's execution
    /// timeout, which can cancel a command after its commit) may have come after the commit: unknown.
    /// </summary>
    private static Outcome Classify(Exception e) => e switch
    {
        InvalidOperationException { Message: var message } when message.Split(':')[0] is { Length: > 0 } code
            && code != ErrorCodes.Unavailable && code != ErrorCodes.Internal && code != ExecutionTimeout && !code.Contains(' ') => Outcome.Rejected,
        HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException => Outcome.Unknown,
        _ => Outcome.Ok,
    };
}
