using Marten.Events.Aggregation;
using Platform.Contracts.Commerce;

namespace Platform.Projections.Commerce;

/// <summary>
/// A recurring purchase (PURC) and the write model its provider's events decide on. Every fact is kept as a set (paid
/// renewals, failed renewals, the period end reached so far), so the events can arrive in any order and end in one state.
/// </summary>
public sealed class SubscriptionView
{
    public Guid Id { get; set; }
    public Guid FirstPurchaseId { get; set; }
    public Guid ProductId { get; set; }
    public ProductKind Kind { get; set; }
    public Guid CommunityId { get; set; }
    public Guid CreatorId { get; set; }
    public Guid BuyerId { get; set; }
    public Guid PriceId { get; set; }
    public PriceInterval Interval { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public int FeePercent { get; set; }
    public string Provider { get; set; } = "";
    public string ProviderSubscriptionId { get; set; } = "";
    public DateTimeOffset? TrialEndsAt { get; set; }
    public DateTimeOffset CurrentPeriodEnd { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public List<Guid> PaidRenewals { get; set; } = [];
    /// <summary>Renewals that failed and are not paid yet, with the end of their grace period.</summary>
    public Dictionary<Guid, DateTimeOffset> UnpaidRenewals { get; set; } = [];
    /// <summary>The period end each unpaid renewal was billing: a paid renewal reaching it settles it, whichever invoice paid.</summary>
    public Dictionary<Guid, DateTimeOffset> UnpaidPeriodEnds { get; set; } = [];
    public DateTimeOffset? CancelsAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }

    /// <summary>True when the paid periods reach the period the unpaid renewal was billing.</summary>
    public bool Covers(Guid unpaidRenewalId) => UnpaidPeriodEnds.TryGetValue(unpaidRenewalId, out var end) && end <= CurrentPeriodEnd;

    /// <summary>
    /// A trial ends at its first paid renewal when that comes before the trial's scheduled end (a trial ended early, a provider's test
    /// clock billing it now): paying is the end of trying, and Stripe moves the subscription's <c>trial_end</c> the same way.
    /// </summary>
    public static DateTimeOffset? TrialEnd(DateTimeOffset? scheduled, SubscriptionRenewed paid) => paid.RenewedAt < scheduled ? paid.RenewedAt : scheduled;

    public SubscriptionStatus Status(DateTimeOffset now) =>
        EndedAt is not null ? SubscriptionStatus.Ended
        : UnpaidRenewals.Count > 0 ? SubscriptionStatus.PastDue
        : TrialEndsAt > now ? SubscriptionStatus.Trialing
        : SubscriptionStatus.Active;
}

/// <summary>Inline: a cancellation shows on the subscriber's very next request.</summary>
public sealed partial class SubscriptionViewProjection : SingleStreamProjection<SubscriptionView, Guid>
{
    public static SubscriptionView Create(SubscriptionStarted e) => new()
    {
        Id = e.SubscriptionId, FirstPurchaseId = e.FirstPurchaseId, ProductId = e.ProductId, Kind = e.Kind, CommunityId = e.CommunityId,
        CreatorId = e.CreatorId, BuyerId = e.BuyerId, PriceId = e.PriceId, Interval = e.Interval, Amount = e.Amount, Currency = e.Currency,
        FeePercent = e.FeePercent, Provider = e.Provider, ProviderSubscriptionId = e.ProviderSubscriptionId, TrialEndsAt = e.TrialEndsAt, CurrentPeriodEnd = e.CurrentPeriodEnd,
        StartedAt = e.StartedAt,
    };

    public static void Apply(SubscriptionRenewed e, SubscriptionView view)
    {
        if (!view.PaidRenewals.Contains(e.PurchaseId)) view.PaidRenewals.Add(e.PurchaseId);
        if (e.CurrentPeriodEnd > view.CurrentPeriodEnd) view.CurrentPeriodEnd = e.CurrentPeriodEnd;
        view.TrialEndsAt = SubscriptionView.TrialEnd(view.TrialEndsAt, e);
        // A failed invoice is settled by its own payment or by any paid renewal that reaches its period (a new invoice, a retry).
        foreach (var settled in view.UnpaidRenewals.Keys.Where(id => id == e.PurchaseId || view.Covers(id)).ToList())
        {
            view.UnpaidRenewals.Remove(settled);
            view.UnpaidPeriodEnds.Remove(settled);
        }
    }

    public static void Apply(SubscriptionPaymentFailed e, SubscriptionView view)
    {
        if (view.PaidRenewals.Contains(e.PurchaseId) || e.PeriodEnd <= view.CurrentPeriodEnd) return;
        view.UnpaidRenewals[e.PurchaseId] = e.GraceEndsAt;
        if (e.PeriodEnd is { } end) view.UnpaidPeriodEnds[e.PurchaseId] = end;
    }

    public static void Apply(SubscriptionCancelRequested e, SubscriptionView view) => view.CancelsAt ??= e.EndsAt;

    public static void Apply(SubscriptionEnded e, SubscriptionView view)
    {
        view.EndedAt ??= e.EndedAt;
        view.EndReason ??= e.Reason;
    }
}
