using Marten;
using JasperFx.Events;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;
using Wolverine;

namespace Platform.Api.Commerce;

public sealed record CancelSubscription(Guid SubscriptionId, Guid CanceledBy);

/// <summary>Ask the provider to stop billing (our cancellation, an unpaid renewal, a lost dispute); retried on the durable queue.</summary>
public sealed record CancelProviderSubscription(Guid SubscriptionId, string ProviderSubscriptionId, bool AtPeriodEnd);

/// <summary>Scheduled at the end of a failed renewal's grace period.</summary>
public sealed record EndUnpaidSubscription(Guid SubscriptionId, Guid RenewalPurchaseId) : Audit.IAuditedAs
{
    public string AuditedAs => Audit.AuditContext.Schedule("renewal-grace");
}

/// <summary>Pure decisions on a subscription; each is a no-op when its fact is already known, so the order of reports does not matter.</summary>
public static class Subscriptions
{
    public static SubscriptionStarted Start(PurchaseView first, string providerSubscriptionId, DateTimeOffset at)
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

public static class SubscriptionsHandler
{
    public static async Task Handle(CancelSubscription command, IDocumentSession session, IMessageContext messages, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionView>(command.SubscriptionId, cancellation);
        var events = Subscriptions.Cancel(stream.Aggregate, command.CanceledBy, clock.GetUtcNow());
        if (events.Length == 0) return;
        stream.AppendMany(events);
        await messages.PublishAsync(new CancelProviderSubscription(command.SubscriptionId, stream.Aggregate!.ProviderSubscriptionId, AtPeriodEnd: true));
    }

    public static Task Handle(CancelProviderSubscription message, IPaymentProvider provider, CancellationToken cancellation) =>
        provider.CancelSubscription(message.SubscriptionId, message.ProviderSubscriptionId, message.AtPeriodEnd, cancellation);

    /// <summary>The grace period is over: if that renewal is still unpaid the subscription ends and access with it.</summary>
    public static async Task Handle(EndUnpaidSubscription message, IDocumentSession session, IMessageContext messages, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionView>(message.SubscriptionId, cancellation);
        if (stream.Aggregate is not { EndedAt: null } subscription || !subscription.UnpaidRenewals.ContainsKey(message.RenewalPurchaseId)) return;
        await End(session, stream, subscription, "unpaid", clock.GetUtcNow(), messages, cancelAtProvider: true, cancellation);
    }

    /// <summary>Ends the subscription and the access it gave; ending what has ended changes nothing.</summary>
    public static async Task End(IDocumentSession session, IEventStream<SubscriptionView> stream, SubscriptionView subscription, string reason,
        DateTimeOffset at, IMessageContext messages, bool cancelAtProvider, CancellationToken cancellation)
    {
        var ended = Subscriptions.End(subscription, reason, at);
        if (ended.Length == 0) return;
        stream.AppendMany(ended);
        await Entitlements.Revoke(session, subscription.Kind, subscription.ProductId, subscription.BuyerId, reason, at, cancellation);
        await Entitlements.SettleHold(session, subscription.ProductId, subscription.FirstPurchaseId, sold: false, reason, at, cancellation);
        if (cancelAtProvider) await messages.PublishAsync(new CancelProviderSubscription(subscription.Id, subscription.ProviderSubscriptionId, AtPeriodEnd: false));
    }
}
