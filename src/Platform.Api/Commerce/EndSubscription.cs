using JasperFx.Events;
using Marten;
using Platform.Projections.Commerce;
using Wolverine;

namespace Platform.Api.Commerce;

/// <summary>Scheduled at the end of a failed renewal's grace period.</summary>
public sealed record EndUnpaidSubscription(Guid SubscriptionId, Guid RenewalPurchaseId) : Audit.IAuditedAs
{
    public string AuditedAs => Audit.AuditContext.Schedule("renewal-grace");
}

/// <summary>Ask the provider to stop billing (our cancellation, an unpaid renewal, a lost dispute); retried on the durable queue.</summary>
public sealed record CancelProviderSubscription(Guid SubscriptionId, string ProviderSubscriptionId, bool AtPeriodEnd);

/// <summary>A subscription ends (unpaid, cancelled at the provider, a dispute lost) and the access it gave with it.</summary>
public static class EndSubscriptionHandler
{
    /// <summary>The grace period is over: if that renewal is still unpaid the subscription ends and access with it.</summary>
    public static async Task Handle(EndUnpaidSubscription message, IDocumentSession session, IMessageContext messages, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionView>(message.SubscriptionId, cancellation);
        if (stream.Aggregate is not { EndedAt: null } subscription || !subscription.UnpaidRenewals.ContainsKey(message.RenewalPurchaseId)) return;
        await End(session, stream, subscription, "unpaid", clock.GetUtcNow(), messages, cancelAtProvider: true, cancellation);
    }

    public static Task Handle(CancelProviderSubscription message, IPaymentProvider provider, CancellationToken cancellation) =>
        provider.CancelSubscription(message.SubscriptionId, message.ProviderSubscriptionId, message.AtPeriodEnd, cancellation);

    /// <summary>Ends the subscription and the access it gave; ending what has ended changes nothing.</summary>
    public static async Task End(IDocumentSession session, IEventStream<SubscriptionView> stream, SubscriptionView subscription, string reason,
        DateTimeOffset at, IMessageContext messages, bool cancelAtProvider, CancellationToken cancellation)
    {
        var ended = Subscription.End(subscription, reason, at);
        if (ended.Length == 0) return;
        stream.AppendMany(ended);
        await Entitlements.Revoke(session, subscription.Kind, subscription.ProductId, subscription.BuyerId, reason, at, cancellation);
        await Entitlements.SettleHold(session, subscription.ProductId, subscription.FirstPurchaseId, sold: false, reason, at, cancellation);
        if (cancelAtProvider) await messages.PublishAsync(new CancelProviderSubscription(subscription.Id, subscription.ProviderSubscriptionId, AtPeriodEnd: false));
    }
}
