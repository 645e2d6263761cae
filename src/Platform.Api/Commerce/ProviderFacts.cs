using Stripe;

namespace Platform.Api.Commerce;

/// <summary>What a provider event tells us, in our terms. Both providers speak Stripe's event format, so one reader serves both.</summary>
public abstract record ProviderFact;

public sealed record CheckoutPaid(Guid PurchaseId, string ProviderPaymentId, long AmountPaid, string Currency, string? ProviderSubscriptionId) : ProviderFact;
public sealed record CheckoutPaymentFailed(Guid PurchaseId, string Reason) : ProviderFact;
public sealed record CheckoutClosed(Guid PurchaseId) : ProviderFact;
public sealed record RefundChanged(Guid? PurchaseId, string? ProviderPaymentId, Guid? RefundId, string ProviderRefundId, long Amount, string Status, string? FailureReason) : ProviderFact;
public sealed record DisputeChanged(string ProviderPaymentId, string ProviderDisputeId, long Amount, string Reason, string Status) : ProviderFact;
public sealed record InvoiceSettled(Guid SubscriptionId, Guid FirstPurchaseId, string ProviderSubscriptionId, string InvoiceId, bool Paid, string? ProviderPaymentId, long Amount, string Currency, DateTimeOffset? PeriodEnd) : ProviderFact;
public sealed record SubscriptionChanged(Guid SubscriptionId, Guid? FirstPurchaseId, string ProviderSubscriptionId, bool CancelAtPeriodEnd, DateTimeOffset? PeriodEnd, bool Deleted) : ProviderFact;
public sealed record PayoutSettled(string ProviderAccountId, string ProviderPayoutId, long Amount, string Currency, bool Paid, string? FailureMessage) : ProviderFact;
public sealed record AccountChanged(Guid CreatorId, bool ChargesEnabled, bool PayoutsEnabled, IReadOnlyList<string> RequirementsDue) : ProviderFact;

/// <summary>Reads the facts we act on out of Stripe-format events; anything else is acknowledged and left alone.</summary>
public static class ProviderFacts
{
    public static ProviderFact? Read(Event e) => e.Data.Object switch
    {
        Stripe.Checkout.Session s when e.Type is EventTypes.CheckoutSessionCompleted && s.PaymentStatus is "paid" or "no_payment_required"
            || e.Type is EventTypes.CheckoutSessionAsyncPaymentSucceeded =>
            OurId(s.ClientReferenceId ?? s.Metadata?.GetValueOrDefault("purchase_id")) is { } id
                ? new CheckoutPaid(id, s.PaymentIntentId ?? "", s.AmountTotal ?? 0, s.Currency ?? "", s.SubscriptionId) : null,
        Stripe.Checkout.Session s when e.Type is EventTypes.CheckoutSessionAsyncPaymentFailed =>
            OurId(s.ClientReferenceId) is { } id ? new CheckoutPaymentFailed(id, "The payment did not go through.") : null,
        Stripe.Checkout.Session s when e.Type is EventTypes.CheckoutSessionExpired =>
            OurId(s.ClientReferenceId) is { } id ? new CheckoutClosed(id) : null,
        PaymentIntent p when e.Type is EventTypes.PaymentIntentPaymentFailed =>
            OurId(p.Metadata?.GetValueOrDefault("purchase_id")) is { } id
                ? new CheckoutPaymentFailed(id, p.LastPaymentError?.DeclineCode ?? p.LastPaymentError?.Code ?? "payment_failed") : null,
        Refund r when e.Type is EventTypes.RefundCreated or EventTypes.RefundUpdated or EventTypes.RefundFailed or EventTypes.ChargeRefundUpdated =>
            new RefundChanged(OurId(r.Metadata?.GetValueOrDefault("purchase_id")), r.PaymentIntentId, OurId(r.Metadata?.GetValueOrDefault("refund_id")),
                r.Id, r.Amount, r.Status ?? "", r.FailureReason),
        Dispute d when e.Type is EventTypes.ChargeDisputeCreated or EventTypes.ChargeDisputeUpdated or EventTypes.ChargeDisputeClosed
                or EventTypes.ChargeDisputeFundsWithdrawn =>
            d.PaymentIntentId is { Length: > 0 } payment ? new DisputeChanged(payment, d.Id, d.Amount, d.Reason ?? "", d.Status ?? "") : null,
        Invoice i when e.Type is EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed && i.BillingReason != "subscription_create" =>
            OurId(i.Parent?.SubscriptionDetails?.Metadata?.GetValueOrDefault("subscription_id")) is { } id
            && OurId(i.Parent!.SubscriptionDetails!.Metadata.GetValueOrDefault("purchase_id")) is { } first
                ? new InvoiceSettled(id, first, i.Parent!.SubscriptionDetails!.SubscriptionId ?? "", i.Id, e.Type == EventTypes.InvoicePaid,
                    i.Payments?.Data?.FirstOrDefault()?.Payment?.PaymentIntentId, e.Type == EventTypes.InvoicePaid ? i.AmountPaid : i.AmountDue,
                    i.Currency ?? "", i.Lines?.Data?.FirstOrDefault()?.Period?.End is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null)
                : null,
        Stripe.Subscription s when e.Type is EventTypes.CustomerSubscriptionUpdated or EventTypes.CustomerSubscriptionDeleted =>
            OurId(s.Metadata?.GetValueOrDefault("subscription_id")) is { } id
                ? new SubscriptionChanged(id, OurId(s.Metadata!.GetValueOrDefault("purchase_id")), s.Id, s.CancelAtPeriodEnd, s.Items?.Data?.FirstOrDefault()?.CurrentPeriodEnd is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null,
                    e.Type == EventTypes.CustomerSubscriptionDeleted || s.Status == "canceled")
                : null,
        Payout p when e.Type is EventTypes.PayoutPaid or EventTypes.PayoutFailed && e.Account is { Length: > 0 } account =>
            new PayoutSettled(account, p.Id, p.Amount, p.Currency ?? "", e.Type == EventTypes.PayoutPaid, p.FailureMessage ?? p.FailureCode),
        Account a when e.Type is EventTypes.AccountUpdated =>
            OurId(a.Metadata?.GetValueOrDefault("creator_id")) is { } id
                ? new AccountChanged(id, a.ChargesEnabled, a.PayoutsEnabled, a.Requirements?.CurrentlyDue?.ToList() ?? []) : null,
        _ => null,
    };

    private static Guid? OurId(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
