using Platform.Contracts.Commerce;

namespace Platform.Api.Commerce;

/// <summary>What the provider needs to open a hosted checkout: our ids travel with it and come back on every webhook.</summary>
public sealed record CheckoutRequest(
    Guid PurchaseId, Guid? SubscriptionId, string ProductName, long Amount, string Currency, PriceInterval Interval, int TrialDays,
    long ApplicationFee, int FeePercent, string DestinationAccountId, DateTimeOffset ExpiresAt);

public sealed record ProviderCheckout(string ProviderCheckoutId, string Url);

/// <summary>
/// One amount the provider booked, keyed as the ledger knows it: <c>payment:&lt;payment id&gt;</c> (gross), <c>fee:&lt;payment id&gt;</c>
/// (its processing fee), <c>refund:&lt;refund id&gt;</c>.
/// </summary>
/// <paramref name="Source"/> names what booked it: the provider's event or balance transaction, or our ledger line's event.
public sealed record ProviderTransaction(string Key, long Amount, string Currency, string Source);

/// <summary>A payment's share (positive) or a refund's share taken back (negative) that a connected account's payout paid out.</summary>
public sealed record PayoutSource(string ProviderPaymentId, string Kind, long Amount);

/// <summary>
/// A refund the provider reports as made, or a dispute it reports lost, and what the ledger already booked for the payment before
/// it: what the provider is asked to say it took back from the platform's fee and from the creator's share for it.
/// <paramref name="TakenBackBy"/> is the provider's refund id, or its dispute id.
/// </summary>
public sealed record ReversalQuery(string ProviderPaymentId, string TakenBackBy, long Amount, long Gross, int FeePercent, long TakenBackBefore,
    long FeeReversedBefore, ReversalCause Cause = ReversalCause.Refund);

/// <summary>
/// A refund reverses the transfer and the fee at the provider as it is made; a lost dispute does not (Stripe debits the platform
/// alone), so for a dispute the provider is asked to reverse them.
/// </summary>
public enum ReversalCause { Refund, Dispute }

public sealed record RefundRequest(Guid PurchaseId, Guid RefundId, string ProviderPaymentId, long Amount, string Currency, string Reason);

/// <summary>
/// The payment port (CHKO, CONN, FREF): the embedded local provider by default, Stripe Connect by configuration. Results never
/// come back from these calls: they arrive as provider events (Stripe's webhook format, from either provider) through
/// <see cref="ProviderEventInbox"/>, so there is one path from "the provider says so" to our events.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>Opens the creator's connected account; <paramref name="creatorId"/> travels in its metadata.</summary>
    Task<string> OpenAccount(Guid creatorId, CancellationToken cancellation);

    /// <summary>A single-use link where the creator completes the provider's onboarding.</summary>
    Task<string> OnboardingLink(Guid creatorId, string providerAccountId, CancellationToken cancellation);

    Task<ProviderCheckout> StartCheckout(CheckoutRequest request, CancellationToken cancellation);

    Task Refund(RefundRequest request, CancellationToken cancellation);

    /// <summary>
    /// What the refund or the lost dispute took back of the platform's fee and of the creator's share, as the provider booked it (its
    /// application-fee refund and transfer reversal; for a dispute, made now under a key from the dispute, so asking again acts
    /// once); null while it cannot book them yet. The ledger books these numbers, never its own.
    /// </summary>
    Task<Split?> Reversal(ReversalQuery query, CancellationToken cancellation);

    /// <summary>What the provider charged us for processing the payment; null while it does not know yet.</summary>
    Task<long?> ProcessingFee(string providerPaymentId, long amount, CancellationToken cancellation);

    /// <summary>What the provider booked between two moments (its balance transactions), for reconciliation.</summary>
    Task<IReadOnlyList<ProviderTransaction>> BalanceTransactions(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation);

    /// <summary>What a payout of the creator's connected account paid out, traced to our payments (the provider's own payouts).</summary>
    Task<IReadOnlyList<PayoutSource>> PayoutSources(string providerAccountId, string providerPayoutId, CancellationToken cancellation);

    /// <summary>Stops the subscription at the end of the paid period, or at once.</summary>
    Task CancelSubscription(Guid subscriptionId, string providerSubscriptionId, bool atPeriodEnd, CancellationToken cancellation);
}

/// <summary>The provider refused a request for good (not a network or server fault worth retrying).</summary>
public sealed class PaymentRefusedException(string message) : Exception(message);

/// <summary>The <c>Payments</c> configuration section.</summary>
public sealed class PaymentOptions
{
    public string Provider { get; set; } = "local";
    /// <summary>How long a checkout stays open (Stripe accepts 30 minutes to 24 hours).</summary>
    public TimeSpan CheckoutLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long a subscriber keeps access after a renewal fails, before the subscription ends.</summary>
    public TimeSpan RenewalGracePeriod { get; set; } = TimeSpan.FromDays(3);
    /// <summary>Where the provider's hosted pages send the buyer back; {CHECKOUT_ID} is replaced. Empty: our own receipt page.</summary>
    public string ReturnUrl { get; set; } = "";
}

/// <summary>The <c>Stripe</c> configuration section.</summary>
public sealed class StripeOptions
{
    public string SecretKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";
    public string ConnectWebhookSecret { get; set; } = "";
    /// <summary>An origin only; Stripe.net adds <c>/v1/...</c>.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";
}
