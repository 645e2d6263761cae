using System.Security.Claims;
using System.Threading.RateLimiting;
using GraphQLParser.AST;
using Microsoft.AspNetCore.RateLimiting;

namespace Platform.Api.Security;

/// <summary>So many permits per window (a fixed window: a refused caller learns when it opens again).</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    internal FixedWindowRateLimiterOptions Options() =>
        new() { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}

/// <summary>
/// The <c>RateLimits</c> configuration section. Requests count per client address; GraphQL operations per signed-in
/// user, or per client address for anonymous callers. A browser page makes a few requests per view, a person a few
/// mutations a minute: the defaults leave room for both and stop a script.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Every HTTP request but health probes (the GraphQL endpoint, webhooks, payment pages, media), per client address.</summary>
    public RateLimit Requests { get; set; } = new() { PermitLimit = 1200 };
    /// <summary>GraphQL operations of any kind, over HTTP or WebSocket.</summary>
    public RateLimit Operations { get; set; } = new() { PermitLimit = 300 };
    public RateLimit Mutations { get; set; } = new() { PermitLimit = 60 };
    /// <summary><see cref="RateLimits.MoneyOperations"/>: each one talks to the payment provider.</summary>
    public RateLimit MoneyOperations { get; set; } = new() { PermitLimit = 10 };
    /// <summary>New WebSocket connections per client address.</summary>
    public RateLimit WebSocketConnections { get; set; } = new() { PermitLimit = 120 };
    /// <summary>WebSocket connections open at once per client address.</summary>
    public int OpenWebSocketsPerAddress { get; set; } = 20;
}

/// <summary>What a GraphQL operation costs the rate limits: every one is an operation, some also a mutation or a money operation.</summary>
public sealed record OperationCharge(string Caller, OperationType? Type, bool Money);

/// <summary>ASP.NET Core's rate limiter, partitioned by caller: requests in middleware, GraphQL operations and WebSockets by the transports.</summary>
public sealed class RateLimits : IDisposable
{
    public static readonly string[] MoneyOperations = ["startCheckout", "refundPurchase"];
    private readonly PartitionedRateLimiter<OperationCharge> operations;
    private readonly PartitionedRateLimiter<string> newSockets;
    private readonly PartitionedRateLimiter<string> openSockets;

    public RateLimits(RateLimitSettings settings)
    {
        operations = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<OperationCharge, string>(charge =>
                RateLimitPartition.GetFixedWindowLimiter(charge.Caller, _ => settings.Operations.Options())),
            PartitionedRateLimiter.Create<OperationCharge, string>(charge => charge.Type is OperationType.Mutation
                ? RateLimitPartition.GetFixedWindowLimiter(charge.Caller, _ => settings.Mutations.Options())
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<OperationCharge, string>(charge => charge.Money
                ? RateLimitPartition.GetFixedWindowLimiter(charge.Caller, _ => settings.MoneyOperations.Options())
                : RateLimitPartition.GetNoLimiter("")));
        newSockets = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => settings.WebSocketConnections.Options()));
        openSockets = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetConcurrencyLimiter(address,
            _ => new ConcurrencyLimiterOptions { PermitLimit = settings.OpenWebSocketsPerAddress, QueueLimit = 0 }));
    }

    /// <summary>Who a GraphQL operation is counted against: the signed-in user, else the client address.</summary>
    public static string CallerKey(ClaimsPrincipal user, string addressKey) =>
        user.FindFirst("sub")?.Value is { } subject ? $"user:{user.FindFirst("iss")?.Value}|{subject}" : addressKey;

    public static string AddressKey(HttpContext http) => $"address:{http.Connection.RemoteIpAddress}";

    /// <summary>Whether the operation selects a money field at its root, written there or through fragments.</summary>
    public static bool IsMoney(GraphQLDocument? document, string? operationName)
    {
        if (document is null || GraphQL.GraphQLRequestParser.OperationOf(document, operationName) is not { } operation) return false;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToLookup(f => f.FragmentName.Name.StringValue);
        var visited = new HashSet<string>();
        bool Selects(GraphQLSelectionSet selections) => selections.Selections.Any(selection => selection switch
        {
            GraphQLField field => MoneyOperations.Contains(field.Name.StringValue),
            GraphQLInlineFragment inline => Selects(inline.SelectionSet),
            GraphQLFragmentSpread spread => visited.Add(spread.FragmentName.Name.StringValue)
                && fragments[spread.FragmentName.Name.StringValue].Any(f => Selects(f.SelectionSet)),
            _ => false,
        });
        return Selects(operation.SelectionSet);
    }

    public RateLimitLease AcquireOperation(OperationCharge charge) => operations.AttemptAcquire(charge);

    /// <summary>A lease held while the socket is open; refused when the address opens too many or too often.</summary>
    public RateLimitLease AcquireWebSocket(HttpContext http)
    {
        var address = AddressKey(http);
        var opened = newSockets.AttemptAcquire(address);
        if (!opened.IsAcquired) return opened;
        opened.Dispose();
        return openSockets.AttemptAcquire(address);
    }

    /// <summary>Whole seconds until a refused caller may try again (at least one).</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;

    public void Dispose()
    {
        operations.Dispose();
        newSockets.Dispose();
        openSockets.Dispose();
    }
}

public static class RateLimitConfiguration
{
    public const string RateLimited = "RATE_LIMITED";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<RateLimits>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(RateLimits.AddressKey(http), _ => settings.Requests.Options()));
            limiter.OnRejected = (context, cancellation) =>
                new ValueTask(WriteTooManyRequests(context.HttpContext, context.Lease, cancellation));
        });
        return builder;
    }

    /// <summary>429 with <c>Retry-After</c> and a GraphQL-shaped error, whichever limit refused.</summary>
    public static async Task WriteTooManyRequests(HttpContext http, RateLimitLease lease, CancellationToken cancellation)
    {
        var seconds = RateLimits.RetryAfterSeconds(lease);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(
            new { errors = new[] { new { message = $"Too many requests; try again in {seconds} s.", extensions = new { code = RateLimited } } } },
            cancellation);
    }
}
