using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>
/// The subscription stream: its pure rules, each a no-op when its fact is already known, so the order of reports does not matter.
/// It decides on <see cref="SubscriptionView"/>, an inline read model that carries exactly what these rules need.
/// </summary>
public static class Subscription
{
    public static SubscriptionStarted Start(Purchase first, string providerSubscriptionId, DateTimeOffset at)
    {
        // From the checkout, in whole seconds as providers count: the same whichever report starts the subscription.
        var start = DateTimeOffset.FromUnixTimeSeconds(first.CreatedAt.ToUnixTimeSeconds());
        var trialEnds = first.TrialDays > 0 ? start.AddDays(first.TrialDays) : (DateTimeOffset?)null;
        var periodEnd = trialEnds ?? NextPeriodEnd(start, first.Interval);
        return new SubscriptionStarted(first.SubscriptionId!.Value, first.Id, first.ProductId, first.Kind, first.CommunityId, first.CreatorId,
            first.BuyerId, first.PriceId, first.Interval, first.Amount, first.Currency, first.FeePercent, first.Provider, providerSubscriptionId,
            trialEnds, periodEnd, at);
    }

    public static DateTimeOffset NextPeriodEnd(DateTimeOffset from, PriceInterval interval) =>
        interval == PriceInterval.Year ? from.AddYears(1) : from.AddMonths(1);

    public static object[] Settle(SubscriptionView subscription, Guid renewalId, InvoiceSettled invoice, DateTimeOffset at, TimeSpan grace)
    {
        if (subscription.PaidRenewals.Contains(renewalId)) return [];
        // A paid renewal is a fact even when the deletion was reported first (events come in any order): the period end reached is kept.
        if (invoice.Paid)
            return [new SubscriptionRenewed(subscription.Id, renewalId, invoice.PeriodEnd ?? NextPeriodEnd(subscription.CurrentPeriodEnd, subscription.Interval), at)];
        if (subscription.EndedAt is not null || subscription.UnpaidRenewals.ContainsKey(renewalId)) return [];
        // A period already paid (by another invoice, reported first) is not past due.
        if (invoice.PeriodEnd <= subscription.CurrentPeriodEnd) return [];
        return [new SubscriptionPaymentFailed(subscription.Id, renewalId, at + grace, at, invoice.PeriodEnd)];
    }

    /// <summary>Ends the subscription (unpaid, cancelled at the provider, a lost dispute); ending what has ended changes nothing.</summary>
    public static object[] End(SubscriptionView subscription, string reason, DateTimeOffset at) =>
        subscription.EndedAt is not null ? [] : [new SubscriptionEnded(subscription.Id, reason, at)];

    public static object[] Change(SubscriptionView subscription, SubscriptionChanged changed, DateTimeOffset at)
    {
        if (subscription.EndedAt is not null) return [];
        return changed.CancelAtPeriodEnd && subscription.CancelsAt is null
            ? [new SubscriptionCancelRequested(subscription.Id, subscription.BuyerId, changed.PeriodEnd ?? subscription.CurrentPeriodEnd, at)]
            : [];
    }

    public static object[] Cancel(SubscriptionView? subscription, Guid canceledBy, DateTimeOffset now)
    {
        if (subscription is null) throw DomainException.NotFound("The subscription");
        if (subscription.EndedAt is not null) throw DomainException.Conflict("This subscription has already ended.");
        if (subscription.CancelsAt is not null) return [];
        return [new SubscriptionCancelRequested(subscription.Id, canceledBy, subscription.CurrentPeriodEnd, now)];
    }
}
