using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Integration;
using Platform.Contracts.Payouts;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Platform.Api.Integration;

/// <summary>
/// A Marten subscription that turns committed events into integration messages. Wolverine enlists the batch's messages in the same
/// transaction as the subscription's progress, so each event's message enters the durable outbox exactly once; a batch replayed after a
/// crash publishes the same message ids again, which consumers drop.
/// </summary>
public sealed class IntegrationRelay : BatchSubscription
{
    public const string Name = "integration-events";

    public IntegrationRelay() : base(Name)
    {
        IncludeType<PaymentSucceeded>();
        IncludeType<PaymentRefunded>();
        IncludeType<Enrolled>();
        IncludeType<EnrolmentRevoked>();
        IncludeType<PayoutPaid>();
        IncludeType<MemberJoined>();
        // Other systems learn about what happens from the moment this is switched on, not the whole history.
        Options.SubscribeFromPresent();
    }

    /// <summary>The message id of an event's integration message: the same for every delivery and every replay of that event.</summary>
    public static Guid MessageIdOf(Guid eventId) => DeterministicId.From("integration-message", eventId.ToString());

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (await MessageFor(e, operations, cancellationToken) is { } message) await bus.PublishAsync(message);
        }
    }

    private static async Task<IIntegrationMessage?> MessageFor(IEvent e, IQuerySession reads, CancellationToken cancellation)
    {
        var id = MessageIdOf(e.Id);
        switch (e.Data)
        {
            case PaymentSucceeded paid:
                // The purchase read model is inline, so it is committed with the payment; it names who bought what from whom.
                var purchase = await reads.LoadAsync<PurchaseView>(paid.PurchaseId, cancellation)
                    ?? throw new InvalidOperationException($"Purchase {paid.PurchaseId} has a payment but no read model.");
                return new PurchasePaidV1(id, paid.PurchaseId, purchase.ProductId, purchase.CommunityId, purchase.CreatorId, purchase.BuyerId,
                    paid.Gross, paid.PlatformFee, paid.CreatorShare, paid.Currency, paid.PaidAt);
            case PaymentRefunded refunded:
                return new PurchaseRefundedV1(id, refunded.PurchaseId, refunded.RefundId, refunded.Amount, refunded.PlatformFeeReversed,
                    refunded.CreatorShareReversed, refunded.Currency, refunded.RefundedAt);
            case Enrolled enrolled:
                return new EnrolmentStartedV1(id, enrolled.EnrolmentId, enrolled.CourseId, enrolled.UserId, enrolled.Source.ToString().ToUpperInvariant(),
                    enrolled.EnrolledAt);
            case EnrolmentRevoked revoked:
                return new EnrolmentRevokedV1(id, revoked.EnrolmentId, revoked.CourseId, revoked.UserId, revoked.Reason, revoked.RevokedAt);
            case PayoutPaid payout:
                var view = await reads.LoadAsync<PayoutView>(payout.PayoutId, cancellation)
                    ?? throw new InvalidOperationException($"Payout {payout.PayoutId} was paid but has no read model.");
                return new PayoutPaidV1(id, payout.PayoutId, view.CreatorId, view.Amount, view.Currency, payout.PaidAt);
            case MemberJoined joined:
                return new MemberJoinedV1(id, joined.MembershipId, joined.CommunityId, joined.UserId, joined.JoinedAt);
            default:
                return null;
        }
    }
}
