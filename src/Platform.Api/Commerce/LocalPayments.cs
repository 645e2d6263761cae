using System.Net;
using System.Text.Json.Nodes;
using GraphQL;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Api.Mail;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;
using Platform.Projections.Payouts;
using Wolverine;

namespace Platform.Api.Commerce;

/// <summary>
/// What a buyer or creator does on the local provider's hosted pages (pay with a test card, finish onboarding), and the test
/// clock that bills a subscription's next period. Each produces the Stripe-format events Stripe would send, processed at once.
/// </summary>
public static class LocalPayments
{
    public static async Task Pay(IMessageContext bus, PurchaseView purchase, LocalPaymentOutcome outcome, DateTimeOffset now, CancellationToken cancellation)
    {
        if (purchase.Provider != LocalPaymentProvider.ProviderName) throw DomainException.Conflict("This checkout is not with the local payment provider.");
        if (purchase.ExpiredAt is not null) throw DomainException.Conflict("This checkout has expired.");
        // A completed checkout takes no second payment, as at Stripe: paying it again changes nothing.
        if (purchase.IsPaid) return;
        var paymentIntent = LocalStripeEvents.PaymentIntentId(purchase.Id);
        var metadata = LocalStripeEvents.Metadata(("purchase_id", purchase.Id), ("subscription_id", purchase.SubscriptionId));
        if (outcome == LocalPaymentOutcome.Declined)
        {
            await Deliver(bus, LocalStripeEvents.Event("payment_intent.payment_failed", new JsonObject
            {
                ["id"] = paymentIntent, ["object"] = "payment_intent", ["amount"] = purchase.Amount, ["currency"] = purchase.Currency,
                ["status"] = "requires_payment_method", ["metadata"] = metadata,
                ["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = "generic_decline", ["message"] = "Your card was declined." },
            }, now), cancellation);
            return;
        }
        var trial = purchase.TrialDays > 0;
        await Deliver(bus, LocalStripeEvents.Event("checkout.session.completed", new JsonObject
        {
            ["id"] = purchase.ProviderCheckoutId, ["object"] = "checkout.session", ["client_reference_id"] = purchase.Id.ToString(),
            ["metadata"] = metadata.DeepClone(), ["status"] = "complete", ["payment_status"] = trial ? "no_payment_required" : "paid",
            ["mode"] = purchase.SubscriptionId is null ? "payment" : "subscription", ["payment_intent"] = trial ? null : paymentIntent,
            ["subscription"] = purchase.SubscriptionId is { } subscription ? LocalStripeEvents.SubscriptionId(subscription) : null,
            ["amount_total"] = trial ? 0 : purchase.Amount, ["currency"] = purchase.Currency,
        }, now, id: $"evt_local_completed_{purchase.Id:N}"), cancellation);
        // A trial charges nothing, so there is no charge to dispute.
        if (!trial) await Dispute(bus, purchase.Id, paymentIntent, purchase.Amount, purchase.Currency, outcome, now, cancellation);
    }

    /// <summary>
    /// Bills the subscription's next period now, with the given test card, as Stripe's test clock does when it reaches the period's
    /// end. A subscription cancelled at period end is not billed: the clock reaching that end deletes it, as Stripe's would.
    /// </summary>
    public static async Task Renew(IMessageContext bus, SubscriptionView subscription, LocalPaymentOutcome outcome, DateTimeOffset now, CancellationToken cancellation)
    {
        if (subscription.Provider != LocalPaymentProvider.ProviderName) throw DomainException.Conflict("This subscription is not with the local payment provider.");
        if (subscription.EndedAt is not null) throw DomainException.Conflict("This subscription has ended.");
        if (subscription.CancelsAt is not null)
        {
            // Dated now, as the invoice below would be: the test clock's now stands for the period's end.
            await Deliver(bus, LocalPaymentProvider.SubscriptionDeleted(subscription.Id, subscription.ProviderSubscriptionId, now), cancellation);
            return;
        }
        var invoiceId = $"in_local_{Guid.NewGuid():N}";
        var paymentIntent = $"pi_{invoiceId}";
        var periodEnd = Subscription.NextPeriodEnd(subscription.CurrentPeriodEnd, subscription.Interval);
        var paid = outcome != LocalPaymentOutcome.Declined;
        await Deliver(bus, LocalStripeEvents.Event(paid ? "invoice.paid" : "invoice.payment_failed", new JsonObject
        {
            ["id"] = invoiceId, ["object"] = "invoice", ["billing_reason"] = "subscription_cycle", ["currency"] = subscription.Currency,
            ["amount_due"] = subscription.Amount, ["amount_paid"] = paid ? subscription.Amount : 0, ["status"] = paid ? "paid" : "open",
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new JsonObject
                {
                    ["subscription"] = subscription.ProviderSubscriptionId,
                    ["metadata"] = LocalStripeEvents.Metadata(("subscription_id", subscription.Id), ("purchase_id", subscription.FirstPurchaseId)),
                },
            },
            ["lines"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = $"il_{invoiceId}", ["object"] = "line_item",
                    ["period"] = new JsonObject { ["start"] = subscription.CurrentPeriodEnd.ToUnixTimeSeconds(), ["end"] = periodEnd.ToUnixTimeSeconds() },
                }),
            },
            ["payments"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = $"inpay_{invoiceId}", ["object"] = "invoice_payment",
                    ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = paymentIntent },
                }),
            },
        }, now), cancellation);
        if (paid)
            await Dispute(bus, Contracts.DeterministicId.Renewal(LocalPaymentProvider.ProviderName, invoiceId), paymentIntent, subscription.Amount, subscription.Currency,
                outcome, now, cancellation);
    }

    /// <summary>
    /// A disputed test card: the paid charge is disputed at once, and the dispute then lost or won (Stripe's disputed card with its
    /// losing or winning evidence). Any other card leaves the charge alone.
    /// </summary>
    private static async Task Dispute(IMessageContext bus, Guid purchaseId, string paymentIntent, long amount, string currency, LocalPaymentOutcome outcome,
        DateTimeOffset now, CancellationToken cancellation)
    {
        if (outcome is not (LocalPaymentOutcome.Disputed or LocalPaymentOutcome.DisputedWon)) return;
        foreach (var status in new[] { "needs_response", outcome == LocalPaymentOutcome.DisputedWon ? "won" : "lost" })
            await Deliver(bus, LocalStripeEvents.Event(status == "needs_response" ? "charge.dispute.created" : "charge.dispute.closed", new JsonObject
            {
                ["id"] = $"dp_local_{purchaseId:N}", ["object"] = "dispute", ["amount"] = amount, ["currency"] = currency,
                ["payment_intent"] = paymentIntent, ["charge"] = $"ch_local_{purchaseId:N}", ["reason"] = "fraudulent", ["status"] = status,
            }, now), cancellation);
    }

    /// <summary>The creator finished the provider's onboarding: the account can take charges and be paid out.</summary>
    public static Task CompleteOnboarding(IMessageContext bus, PayoutAccountView account, DateTimeOffset now, CancellationToken cancellation) =>
        Deliver(bus, LocalStripeEvents.Event("account.updated", new JsonObject
        {
            ["id"] = account.ProviderAccountId, ["object"] = "account", ["type"] = "express", ["charges_enabled"] = true, ["payouts_enabled"] = true,
            ["details_submitted"] = true, ["metadata"] = LocalStripeEvents.Metadata(("creator_id", account.CreatorId)),
            ["requirements"] = new JsonObject { ["currently_due"] = new JsonArray() },
        }, now), cancellation, endpoint: "connect");

    /// <summary>The provider acts, as it would through a webhook (the message says so: see <see cref="ReceiveProviderEvent"/>).</summary>
    private static async Task Deliver(IMessageContext bus, string payload, CancellationToken cancellation, string endpoint = "platform")
    {
        var stripeEvent = JsonNode.Parse(payload)!;
        try
        {
            await bus.InvokeAsync(new ReceiveProviderEvent(LocalPaymentProvider.ProviderName, endpoint, stripeEvent["id"]!.GetValue<string>(),
                stripeEvent["type"]!.GetValue<string>(), payload, ProcessNow: true), cancellation);
        }
        catch (Exception exception) when (ProviderEventInboxHandler.IsDuplicate(exception))
        {
            // The same event (one checkout completed twice at once) was recorded by the other call: it happened once.
        }
    }

    /// <summary>A cancellation at period end: the provider deletes the subscription when the paid period is over.</summary>
    public static async Task Handle(EndLocalSubscriptionAtPeriodEnd message, IQuerySession session, IMessageContext messages, CancellationToken cancellation)
    {
        if (await session.LoadAsync<SubscriptionView>(message.SubscriptionId, cancellation) is not { EndedAt: null } subscription) return;
        var at = subscription.CancelsAt ?? subscription.CurrentPeriodEnd;
        var payload = LocalPaymentProvider.SubscriptionDeleted(subscription.Id, subscription.ProviderSubscriptionId, at);
        var id = JsonNode.Parse(payload)!["id"]!.GetValue<string>();
        await messages.ScheduleAsync(new ReceiveProviderEvent(LocalPaymentProvider.ProviderName, "platform", id, "customer.subscription.deleted", payload, ProcessNow: true,
            Schedule: LocalPaymentProvider.PeriodEndSchedule), at);
    }
}

/// <summary>
/// The pages a provider sends people back to (a checkout's return page, onboarding's), and the local provider's hosted
/// pages: a checkout to pay with a test card, and onboarding to finish. A checkout id is as good as a link to it, as with Stripe.
/// </summary>
public static class PaymentPages
{
    public static WebApplication MapPaymentPages(this WebApplication app)
    {
        app.MapGet("/payments/checkout/{purchaseId:guid}", async (Guid purchaseId, IQuerySession session, CancellationToken cancellation) =>
            await session.LoadAsync<PurchaseView>(purchaseId, cancellation) is { } purchase
                ? Results.Content($"<!doctype html><title>Checkout</title><h1>Your checkout is {purchase.Status.ToString().ToUpperInvariant()}.</h1>" +
                    "<p>A payment can take a moment to be confirmed; the app shows it as soon as it is.</p>", "text/html")
                : Results.NotFound());
        app.MapGet("/payments/onboarding/{creatorId:guid}", () => Results.Content(
            "<!doctype html><title>Payouts</title><h1>Back from onboarding.</h1><p>Your payout account's status shows in the app once the provider confirms it.</p>",
            "text/html"));
        app.MapGet("/payments/local/checkout/{purchaseId:guid}", async (Guid purchaseId, IQuerySession session, CancellationToken cancellation) =>
        {
            var purchase = await session.LoadAsync<PurchaseView>(purchaseId, cancellation);
            if (purchase is null) return Results.NotFound();
            var amount = WebUtility.HtmlEncode($"{purchase.Amount} {purchase.Currency.ToUpperInvariant()} (minor units)");
            var buttons = purchase.IsPaid || purchase.ExpiredAt is not null ? $"<p>This checkout is {purchase.Status.ToString().ToUpperInvariant()}.</p>"
                : string.Join("", Enum.GetNames<LocalPaymentOutcome>().Select(o => o.ToConstantCase()).Select(o => // as completeLocalPayment names them
                    $"<form method=post action='/payments/local/checkout/{purchaseId}/{o}'><button>Pay: test card {o}</button></form>"));
            return Results.Content($"<!doctype html><title>Local checkout</title><h1>Local checkout</h1><p>Amount: {amount}</p>{buttons}", "text/html");
        });
        app.MapPost("/payments/local/checkout/{purchaseId:guid}/{outcome}", async (Guid purchaseId, string outcome, IQuerySession session, IMessageContext bus,
            TimeProvider clock, CancellationToken cancellation) =>
        {
            if (!Enum.TryParse<LocalPaymentOutcome>(outcome.Replace("_", ""), ignoreCase: true, out var card)) return Results.BadRequest();
            if (await session.LoadAsync<PurchaseView>(purchaseId, cancellation) is not { } purchase) return Results.NotFound();
            try { await LocalPayments.Pay(bus, purchase, card, clock.GetUtcNow(), cancellation); }
            catch (DomainException refused) { return Results.Problem(refused.Message, statusCode: StatusCodes.Status409Conflict); }
            return Results.Redirect($"/payments/local/checkout/{purchaseId}");
        });
        app.MapGet("/payments/local/onboarding/{creatorId:guid}", () => Results.Content(
            "<!doctype html><title>Payouts</title><h1>Payout account</h1><form method=post><button>Finish onboarding</button></form>", "text/html"));
        // 403 for a link that was not signed for this creator, 410 once it expired.
        app.MapPost("/payments/local/onboarding/{creatorId:guid}", async (Guid creatorId, HttpContext http, SignedLinks links, IQuerySession session,
            IMessageContext bus, TimeProvider clock, CancellationToken cancellation) =>
        {
            if (links.Refusal(http.Request.Query, clock.GetUtcNow(), LocalPaymentProvider.OnboardingLinkKind, creatorId.ToString()) is { } refused)
                return Results.StatusCode(refused);
            var account = await session.LoadAsync<PayoutAccountView>(Contracts.DeterministicId.PayoutAccount(creatorId), cancellation);
            if (account is null || account.Provider != LocalPaymentProvider.ProviderName) return Results.NotFound();
            await LocalPayments.CompleteOnboarding(bus, account, clock.GetUtcNow(), cancellation);
            return Results.Content("<!doctype html><title>Payouts</title><h1>Your payout account is ready.</h1>", "text/html");
        });
        return app;
    }
}
