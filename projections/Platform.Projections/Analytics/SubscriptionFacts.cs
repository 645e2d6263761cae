using Marten.Events.Aggregation;
using Platform.Contracts.Commerce;

namespace Platform.Projections.Analytics;

/// <summary>
/// One subscription as analytics counts it (ANLY): it pays from <see cref="PayingFrom"/> (its start, or the first paid renewal after
/// its trial) until <see cref="EndedAt"/>, at <see cref="Amount"/> per <see cref="Interval"/>.
/// </summary>
public sealed class SubscriptionFacts
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid ProductId { get; set; }
    public Guid BuyerId { get; set; }
    public string Currency { get; set; } = "";
    public PriceInterval Interval { get; set; }
    public long Amount { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? TrialEndsAt { get; set; }
    /// <summary>Null while a trial has not been paid for.</summary>
    public DateTimeOffset? PayingFrom { get; set; }
    public DateTimeOffset? CancelRequestedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>Async, rebuildable: one document per subscription stream.</summary>
public sealed partial class SubscriptionFactsProjection : SingleStreamProjection<SubscriptionFacts, Guid>
{
    public static SubscriptionFacts Create(SubscriptionStarted e) => new()
    {
        Id = e.SubscriptionId, CommunityId = e.CommunityId, ProductId = e.ProductId, BuyerId = e.BuyerId, Currency = e.Currency, Interval = e.Interval,
        Amount = e.Amount, StartedAt = e.StartedAt, TrialEndsAt = e.TrialEndsAt, PayingFrom = e.TrialEndsAt is null ? e.StartedAt : null,
    };

    /// <summary>A trial converts with its first paid renewal, and has ended by then.</summary>
    public static void Apply(SubscriptionRenewed e, SubscriptionFacts s)
    {
        s.PayingFrom ??= e.RenewedAt;
        s.TrialEndsAt = Commerce.SubscriptionView.TrialEnd(s.TrialEndsAt, e);
    }

    public static void Apply(SubscriptionCancelRequested e, SubscriptionFacts s) => s.CancelRequestedAt ??= e.CanceledAt;

    public static void Apply(SubscriptionEnded e, SubscriptionFacts s) => s.EndedAt ??= e.EndedAt;
}
