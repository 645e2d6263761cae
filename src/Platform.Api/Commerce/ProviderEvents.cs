using System.Text;
using Marten;
using JasperFx;
using Platform.Api.Audit;
using Platform.Api.Infrastructure;
using Stripe;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Platform.Api.Commerce;

/// <summary>
/// Every provider event we accepted, kept for good: the de-duplication table (providers resend for days, far longer than
/// Wolverine's inbox window) and the record of each webhook delivery that finance traces money through.
/// </summary>
public sealed class ProviderEventRecord
{
    /// <summary>The provider's event id (<c>evt_...</c>).</summary>
    public string Id { get; set; } = "";
    public string Provider { get; set; } = "";
    /// <summary><c>platform</c> or <c>connect</c>: which endpoint (and secret) it came through.</summary>
    public string Endpoint { get; set; } = "";
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>What processing did: applied, or why it changed nothing (unknown object, unhandled type, already applied).</summary>
    public string? Outcome { get; set; }
    /// <summary>Set while the event waits for the payment it is about (a dispute that arrived before the payment).</summary>
    public string? AwaitingPayment { get; set; }
}

/// <summary>
/// A verified provider event to record once; <paramref name="ProcessNow"/> processes it in the same transaction. Its events
/// are the provider's doing (<c>webhook:&lt;event id&gt;</c>), or a schedule's when the local provider fires it on a timer.
/// </summary>
public sealed record ReceiveProviderEvent(string Provider, string Endpoint, string EventId, string Type, string Payload, bool ProcessNow,
    string? Schedule = null) : IAuditedAs
{
    public string AuditedAs => Schedule is null ? AuditContext.Webhook(EventId) : AuditContext.Schedule(Schedule);
}

/// <summary>Processes a received webhook later, on the durable queue; still the provider's doing.</summary>
public sealed record ProcessProviderEvent(string EventId) : IAuditedAs
{
    public string AuditedAs => AuditContext.Webhook(EventId);
}

public static class ProviderEventInboxHandler
{
    /// <summary>Processing may ask the provider for numbers it has not booked yet (a refund's reversals): the event goes round again later.</summary>
    public static void Configure(HandlerChain chain) => ProviderNotSettledException.RetryLater(chain);

    /// <summary>Records the event unless it is a resend; real webhooks are processed on the durable queue, after the 2xx.</summary>
    public static async Task<object[]> Handle(ReceiveProviderEvent message, IDocumentSession session, TimeProvider clock, PaymentOptions options,
        IMessageContext messages, IPaymentProvider provider, ILogger<ProviderEventRecord> logger, CancellationToken cancellation)
    {
        if (await session.LoadAsync<ProviderEventRecord>(message.EventId, cancellation) is not null) return [];
        var record = new ProviderEventRecord
        {
            Id = message.EventId, Provider = message.Provider, Endpoint = message.Endpoint, Type = message.Type, Payload = message.Payload,
            ReceivedAt = clock.GetUtcNow(),
        };
        if (message.ProcessNow) await ProviderEventProcessor.Process(record, session, clock, options, messages, provider, logger, cancellation);
        session.Insert(record);
        return message.ProcessNow ? [] : [new ProcessProviderEvent(message.EventId)];
    }

    public static async Task Handle(ProcessProviderEvent message, IDocumentSession session, TimeProvider clock, PaymentOptions options,
        IMessageContext messages, IPaymentProvider provider, ILogger<ProviderEventRecord> logger, CancellationToken cancellation)
    {
        var record = await session.LoadAsync<ProviderEventRecord>(message.EventId, cancellation);
        if (record is null || record.ProcessedAt is not null) return;
        await ProviderEventProcessor.Process(record, session, clock, options, messages, provider, logger, cancellation);
        session.Store(record);
    }

    /// <summary>True when the failure only says the event was recorded before (two deliveries raced).</summary>
    public static bool IsDuplicate(Exception exception) =>
        exception is DocumentAlreadyExistsException || Failures.IsUniqueViolation(exception) || exception.InnerException is { } inner && IsDuplicate(inner);
}

/// <summary><c>POST /webhooks/stripe</c> and <c>/webhooks/stripe/connect</c>: verified on the raw body, stored, answered at once.</summary>
public static class StripeWebhooks
{
    public const long ToleranceSeconds = 300;

    public static WebApplication MapStripeWebhooks(this WebApplication app)
    {
        app.MapPost("/webhooks/stripe", (HttpContext http, StripeOptions options, TimeProvider clock, IMessageContext bus, ILogger<ProviderEventRecord> logger) =>
            Receive(http, "platform", options.WebhookSecret, clock, bus, logger));
        app.MapPost("/webhooks/stripe/connect", (HttpContext http, StripeOptions options, TimeProvider clock, IMessageContext bus, ILogger<ProviderEventRecord> logger) =>
            Receive(http, "connect", options.ConnectWebhookSecret, clock, bus, logger));
        return app;
    }

    private static async Task<IResult> Receive(HttpContext http, string endpoint, string secret, TimeProvider clock, IMessageContext bus,
        ILogger<ProviderEventRecord> logger)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrEmpty(secret))
            return Results.Problem($"No signing secret is configured for the {endpoint} endpoint.", statusCode: StatusCodes.Status400BadRequest);
        // Stripe.net dereferences the header before it checks it: a request without one must be refused here, not fail with a 500.
        if (http.Request.Headers["Stripe-Signature"].ToString() is not { Length: > 0 } signature)
            return Results.Problem("The Stripe-Signature header is missing.", statusCode: StatusCodes.Status400BadRequest);
        Event stripeEvent;
        try
        {
            // Checks the signature and its age, and that the event was rendered in the API version Stripe.net is pinned to.
            stripeEvent = EventUtility.ConstructEvent(body, signature, secret, ToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
        }
        catch (Exception exception) when (exception is StripeException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException)
        {
            // A bad signature, a stale or wrong-version event, or a signed body that is not an event at all: refused, nothing recorded.
            logger.LogWarning("Stripe webhook refused on {Endpoint}: {Reason}", endpoint, exception.Message);
            return Results.Problem(exception is StripeException ? exception.Message : "The body is not a Stripe event.", statusCode: StatusCodes.Status400BadRequest);
        }
        bus.CorrelationId = http.TraceIdentifier;
        try
        {
            await bus.InvokeAsync(new ReceiveProviderEvent("stripe", endpoint, stripeEvent.Id, stripeEvent.Type, body, ProcessNow: false), http.RequestAborted);
        }
        catch (Exception exception) when (ProviderEventInboxHandler.IsDuplicate(exception))
        {
            logger.LogInformation("Stripe event {EventId} was already received", stripeEvent.Id);
        }
        return Results.Ok(new { received = stripeEvent.Id });
    }
}

/// <summary>After a payment: ask the provider what it charged us for it, and record that as a platform cost.</summary>
public sealed record RecordProviderFee(Guid PurchaseId);

/// <summary>The provider has not booked what we ask about yet (a payment's balance transaction, a refund's reversals).</summary>
public sealed class ProviderNotSettledException(string what) : Exception($"The provider has not settled {what} yet.")
{
    /// <summary>Stripe settles balance transactions seconds to minutes later: ask again later, backing off, not the error queue.</summary>
    public static void RetryLater(HandlerChain chain) =>
        chain.OnException<ProviderNotSettledException>()
            .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6));
}

public static class ProviderFeeHandler
{
    public static void Configure(HandlerChain chain) => ProviderNotSettledException.RetryLater(chain);

    public static async Task Handle(RecordProviderFee message, IDocumentSession session, IPaymentProvider provider, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Projections.Commerce.PurchaseView>(message.PurchaseId, cancellation);
        if (stream.Aggregate is not { ProviderPaymentId: { Length: > 0 } payment } purchase) return;
        if ((await session.Events.FetchStreamAsync(message.PurchaseId, token: cancellation)).Any(e => e.Data is Contracts.Commerce.ProviderFeeCharged)) return;
        var fee = await provider.ProcessingFee(payment, purchase.Gross, cancellation) ?? throw new ProviderNotSettledException($"the fee of payment {payment}");
        stream.AppendOne(new Contracts.Commerce.ProviderFeeCharged(purchase.Id, fee, purchase.Currency, payment, clock.GetUtcNow()));
    }
}
