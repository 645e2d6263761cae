using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Api.Mail;
using Platform.Contracts.Commerce;
using Wolverine;

namespace Platform.Api.Commerce;

/// <summary>
/// How a local test card behaves, like Stripe's test cards: pays, is declined, or pays and is then disputed, and the dispute lost
/// or won (Stripe's disputed card with its losing or winning evidence).
/// </summary>
public enum LocalPaymentOutcome { Succeeded, Declined, Disputed, DisputedWon }

/// <summary>Builds events in Stripe's webhook format, so local payments go through the very path Stripe's webhooks take.</summary>
public static class LocalStripeEvents
{
    /// <summary>An event; <paramref name="id"/> names one the provider sends only once (a checkout completes once, however often it is submitted).</summary>
    public static string Event(string type, JsonObject data, DateTimeOffset at, string? id = null) => new JsonObject
    {
        ["id"] = id ?? $"evt_local_{Guid.NewGuid():N}",
        ["object"] = "event",
        ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
        ["created"] = at.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 0,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    public static string PaymentIntentId(Guid purchaseId) => $"pi_local_{purchaseId:N}";
    public static string SubscriptionId(Guid subscriptionId) => $"sub_local_{subscriptionId:N}";
    public static string AccountId(Guid creatorId) => $"acct_local_{creatorId:N}";
    public static string PayoutId(Guid payoutId) => $"po_local_{payoutId:N}";

    public static JsonObject Metadata(params (string Key, object? Value)[] entries)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in entries.Where(e => e.Value is not null)) metadata[key] = value!.ToString();
        return metadata;
    }
}

/// <summary>
/// The embedded payment provider: no account, no network. Checkouts and onboarding are pages on our own API; what a real
/// provider would report comes back as Stripe-format events through <see cref="ReceiveProviderEvent"/>, after the command
/// that caused it has committed (the outbox), exactly as a webhook would.
/// </summary>
public sealed class LocalPaymentProvider(IMessageContext messages, IQuerySession session, IConfiguration configuration, TimeProvider clock, SignedLinks links)
    : IPaymentProvider
{
    public const string ProviderName = "local";
    /// <summary>The schedules the local provider keeps in place of the provider's own timers.</summary>
    public const string CheckoutExpirySchedule = "checkout-expiry", PeriodEndSchedule = "subscription-period-end";

    public string Name => ProviderName;

    public static string Origin(IConfiguration configuration) =>
        (configuration["PLATFORM_URL"] is { Length: > 0 } url ? url : PlatformUrlConfiguration.DefaultUrl).TrimEnd('/');

    public Task<string> OpenAccount(Guid creatorId, CancellationToken cancellation) => Task.FromResult(LocalStripeEvents.AccountId(creatorId));

    /// <summary>How long an onboarding link works (Stripe's account links last minutes; a tester gets longer).</summary>
    public static readonly TimeSpan OnboardingLinkLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// Signed and expiring, as Stripe's account links are single-use and short-lived: a creator's id is no secret (it is in the member
    /// directory), so a bare link would let anyone finish anyone's onboarding.
    /// </summary>
    public Task<string> OnboardingLink(Guid creatorId, string providerAccountId, CancellationToken cancellation) => Task.FromResult(
        $"{Origin(configuration)}/payments/local/onboarding/{creatorId}?{links.Expiring(clock.GetUtcNow() + OnboardingLinkLifetime, OnboardingLinkKind, creatorId.ToString())}");

    /// <summary>What an onboarding link's signature names besides its creator and its expiry.</summary>
    public const string OnboardingLinkKind = "payout-onboarding";

    public async Task<ProviderCheckout> StartCheckout(CheckoutRequest request, CancellationToken cancellation)
    {
        // An unpaid checkout closes when it expires, as Stripe's do.
        var expired = new JsonObject
        {
            ["id"] = $"cs_local_{request.PurchaseId:N}", ["object"] = "checkout.session", ["client_reference_id"] = request.PurchaseId.ToString(),
            ["status"] = "expired", ["payment_status"] = "unpaid", ["mode"] = request.SubscriptionId is null ? "payment" : "subscription",
        };
        await Deliver(LocalStripeEvents.Event("checkout.session.expired", expired, request.ExpiresAt), request.ExpiresAt, CheckoutExpirySchedule);
        return new ProviderCheckout($"cs_local_{request.PurchaseId:N}", $"{Origin(configuration)}/payments/local/checkout/{request.PurchaseId}");
    }

    public Task<Split?> Reversal(ReversalQuery query, CancellationToken cancellation) => Task.FromResult<Split?>(Reverse(query));

    /// <summary>What Stripe reverses for a refund with <c>refund_application_fee</c> and <c>reverse_transfer</c>, and for a lost dispute
    /// the platform reverses the same way: see <see cref="MoneySplit.Reverse"/>.</summary>
    public static Split Reverse(ReversalQuery query) => MoneySplit.Reverse(query.Gross, query.FeePercent, query.TakenBackBefore, query.Amount);

    public Task<long?> ProcessingFee(string providerPaymentId, long amount, CancellationToken cancellation) =>
        Task.FromResult<long?>(StandardCardFee(amount));

    /// <summary>A card payment at Stripe's standard rate: 2.9 % (half-up) plus 30 minor units.</summary>
    public static long StandardCardFee(long amount) => (amount * 29 + 500) / 1000 + 30;

    /// <summary>The local provider's books are the events it sent: each payment (with its fee) and each refund.</summary>
    public async Task<IReadOnlyList<ProviderTransaction>> BalanceTransactions(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var sent = await session.Query<ProviderEventRecord>()
            .Where(r => r.Provider == ProviderName && r.ReceivedAt >= from && r.ReceivedAt < to
                        && r.Type.IsOneOf("checkout.session.completed", "invoice.paid", "refund.created", "payout.paid"))
            .ToListAsync(cancellation);
        var booked = new List<ProviderTransaction>();
        foreach (var record in sent)
        {
            var data = JsonNode.Parse(record.Payload)!["data"]!["object"]!;
            var currency = data["currency"]?.GetValue<string>() ?? "";
            var (payment, amount) = record.Type switch
            {
                "checkout.session.completed" => (data["payment_intent"]?.GetValue<string>(), data["amount_total"]?.GetValue<long>() ?? 0),
                "invoice.paid" => (data["payments"]?["data"]?[0]?["payment"]?["payment_intent"]?.GetValue<string>(), data["amount_paid"]?.GetValue<long>() ?? 0),
                _ => (null, 0L),
            };
            if (record.Type is "refund.created" or "payout.paid")
                booked.Add(new ProviderTransaction($"{(record.Type == "payout.paid" ? "payout" : "refund")}:{data["id"]!.GetValue<string>()}",
                    data["amount"]!.GetValue<long>(), currency, record.Id));
            else if (payment is not null && amount > 0)
            {
                booked.Add(new ProviderTransaction($"payment:{payment}", amount, currency, record.Id));
                booked.Add(new ProviderTransaction($"fee:{payment}", StandardCardFee(amount), currency, record.Id));
            }
        }
        return booked;
    }

    /// <summary>
    /// The platform's payout run pays out the local provider's money (<c>RunPayouts</c>); the provider books each payout as Stripe
    /// reports one of a connected account (<c>payout.paid</c>), so reconciliation has the provider's side of it.
    /// </summary>
    public static void BookPayout(IDocumentSession session, Contracts.Payouts.PayoutCreated payout, DateTimeOffset now)
    {
        var id = $"evt_local_payout_{payout.PayoutId:N}";
        session.Store(new ProviderEventRecord
        {
            Id = id, Provider = ProviderName, Endpoint = "connect", Type = "payout.paid", ReceivedAt = now, ProcessedAt = now,
            Outcome = "booked by the local provider's payout run",
            Payload = LocalStripeEvents.Event("payout.paid", new JsonObject
            {
                ["id"] = payout.ProviderPayoutId, ["object"] = "payout", ["amount"] = payout.Amount, ["currency"] = payout.Currency, ["status"] = "paid",
                ["arrival_date"] = now.ToUnixTimeSeconds(),
            }, now, id),
        });
    }

    /// <summary>The local provider reports no payouts by webhook: the platform's payout run makes them (<c>RunPayouts</c>).</summary>
    public Task<IReadOnlyList<PayoutSource>> PayoutSources(string providerAccountId, string providerPayoutId, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<PayoutSource>>([]);

    public Task Refund(RefundRequest request, CancellationToken cancellation) =>
        Deliver(LocalStripeEvents.Event("refund.created", new JsonObject
        {
            ["id"] = $"re_local_{request.RefundId:N}", ["object"] = "refund", ["amount"] = request.Amount, ["currency"] = request.Currency, ["status"] = "succeeded",
            ["payment_intent"] = request.ProviderPaymentId,
            ["metadata"] = LocalStripeEvents.Metadata(("purchase_id", request.PurchaseId), ("refund_id", request.RefundId)),
        }, clock.GetUtcNow()), null);

    public async Task CancelSubscription(Guid subscriptionId, string providerSubscriptionId, bool atPeriodEnd, CancellationToken cancellation)
    {
        // Local subscriptions carry their period end in the subscription stream; the deletion is scheduled for it.
        var now = clock.GetUtcNow();
        if (!atPeriodEnd)
        {
            await Deliver(SubscriptionDeleted(subscriptionId, providerSubscriptionId, now), null);
            return;
        }
        await Deliver(LocalStripeEvents.Event("customer.subscription.updated", SubscriptionObject(subscriptionId, providerSubscriptionId, "active", true, null), now), null);
        await messages.PublishAsync(new EndLocalSubscriptionAtPeriodEnd(subscriptionId));
    }

    /// <summary>Stripe's report that it stopped a subscription: it bills it no more.</summary>
    public static string SubscriptionDeleted(Guid subscriptionId, string providerSubscriptionId, DateTimeOffset at) =>
        LocalStripeEvents.Event("customer.subscription.deleted", SubscriptionObject(subscriptionId, providerSubscriptionId, "canceled", false, null), at);

    public static JsonObject SubscriptionObject(Guid subscriptionId, string providerSubscriptionId, string status, bool cancelAtPeriodEnd, DateTimeOffset? periodEnd)
    {
        var subscription = new JsonObject
        {
            ["id"] = providerSubscriptionId, ["object"] = "subscription", ["status"] = status, ["cancel_at_period_end"] = cancelAtPeriodEnd,
            ["metadata"] = LocalStripeEvents.Metadata(("subscription_id", subscriptionId), ("purchase_id", null)),
        };
        if (periodEnd is { } end)
            subscription["items"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(new JsonObject { ["current_period_end"] = end.ToUnixTimeSeconds() }) };
        return subscription;
    }

    private async Task Deliver(string payload, DateTimeOffset? at, string? schedule = null)
    {
        var stripeEvent = JsonNode.Parse(payload)!;
        var message = new ReceiveProviderEvent(ProviderName, "platform", stripeEvent["id"]!.GetValue<string>(), stripeEvent["type"]!.GetValue<string>(), payload,
            ProcessNow: true, Schedule: schedule);
        if (at is { } when && when > clock.GetUtcNow()) await messages.ScheduleAsync(message, when);
        else await messages.PublishAsync(message);
    }
}

/// <summary>Scheduled by a local cancellation at period end: ends the subscription then, as the provider would.</summary>
public sealed record EndLocalSubscriptionAtPeriodEnd(Guid SubscriptionId);
