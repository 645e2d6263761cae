using JasperFx.Events;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;
using Stripe;
using Wolverine;
using Platform.Projections.Payouts;
using Platform.Contracts.Payouts;

namespace Platform.Api.Commerce;

// Over 250 lines on purpose: every provider event (payment, refund, dispute, renewal, payout) goes through this one
// dispatcher, and the order rules between them (an event before its payment waits and goes round again) are one rule
// that reads best in one place.

/// <summary>
/// Turns one recorded provider event into our events and marks the record processed; the caller saves both in one
/// transaction. The same code runs for Stripe's webhooks and the local provider's events.
/// </summary>
public sealed class ProviderEventProcessor(
    IDocumentSession session, ProviderEventRecord record, DateTimeOffset at, DateTimeOffset now, PaymentOptions options, IMessageContext messages, IPaymentProvider provider,
    ILogger logger, CancellationToken cancellation)
{
    public static async Task Process(ProviderEventRecord record, IDocumentSession session, TimeProvider clock, PaymentOptions options,
        IMessageContext messages, IPaymentProvider provider, ILogger logger, CancellationToken cancellation)
    {
        var stripeEvent = EventUtility.ParseEvent(record.Payload, throwOnApiVersionMismatch: false);
        // The provider's own time: the same event gives the same history, whenever and however often it is processed.
        var processor = new ProviderEventProcessor(session, record, new DateTimeOffset(stripeEvent.Created, TimeSpan.Zero), clock.GetUtcNow(), options, messages, provider, logger,
            cancellation);
        string outcome;
        try
        {
            outcome = ProviderFacts.Read(stripeEvent) is { } fact ? await processor.Apply(fact) : "ignored: not an event the platform acts on";
        }
        catch (DomainException refused)
        {
            outcome = $"refused: {refused.Message}";
            logger.LogWarning("Provider event {EventId} ({Type}) refused: {Reason}", record.Id, record.Type, refused.Message);
        }
        if (record.AwaitingPayment is null) record.ProcessedAt = clock.GetUtcNow();
        record.Outcome = outcome;
        logger.LogInformation("Provider event {EventId} ({Type}): {Outcome}", record.Id, record.Type, outcome);
    }

    private Task<string> Apply(ProviderFact fact) => fact switch
    {
        CheckoutPaid paid => OnPurchase(paid.PurchaseId, p => Purchase.Pay(p, paid, record.Id, at), paid.ProviderSubscriptionId),
        CheckoutPaymentFailed failed => OnPurchase(failed.PurchaseId, p => Purchase.Fail(p, failed.Reason, record.Id, at)),
        CheckoutClosed closed => OnPurchase(closed.PurchaseId, p => Purchase.Expire(p, record.Id, at)),
        RefundChanged refund => OnPayment(refund.PurchaseId, refund.ProviderPaymentId, p => Refund(p, refund)),
        DisputeChanged dispute => OnPayment(null, dispute.ProviderPaymentId, p => Dispute(p, dispute)),
        InvoiceSettled invoice => OnInvoice(invoice),
        SubscriptionChanged changed => OnSubscription(changed),
        AccountChanged account => OnAccount(account),
        PayoutSettled payout => OnPayout(payout),
        _ => Task.FromResult("ignored"),
    };

    /// <summary>A refund made is booked with what the provider says it took back of the fee and of the share, never a rule of ours.</summary>
    private async Task<object[]> Refund(Purchase purchase, RefundChanged refund)
    {
        var split = Purchase.Reversal(purchase, refund) is { } query
            ? await provider.Reversal(query, cancellation) ?? throw new ProviderNotSettledException($"refund {refund.ProviderRefundId}")
            : (Split?)null;
        return Purchase.Refund(purchase, refund, split, record.Id, at);
    }

    /// <summary>A lost dispute is booked with what the provider took back for it from the fee and the share (it reverses them now).</summary>
    private async Task<object[]> Dispute(Purchase purchase, DisputeChanged dispute)
    {
        var split = Purchase.Reversal(purchase, dispute) is { } query
            ? await provider.Reversal(query, cancellation) ?? throw new ProviderNotSettledException($"dispute {dispute.ProviderDisputeId}")
            : (Split?)null;
        return Purchase.Dispute(purchase, dispute, split, record.Id, at);
    }

    /// <summary>Finds the purchase by our id, else by the provider's payment id; an event about a payment not reported yet waits for it.</summary>
    private Task<string> OnPayment(Guid? purchaseId, string? providerPaymentId, Func<Purchase, object[]> decide) =>
        OnPayment(purchaseId, providerPaymentId, p => Task.FromResult(decide(p)));

    private async Task<string> OnPayment(Guid? purchaseId, string? providerPaymentId, Func<Purchase, Task<object[]>> decide)
    {
        if (purchaseId is { } id) return await OnPurchase(id, decide);
        if (string.IsNullOrEmpty(providerPaymentId)) return "ignored: names no payment";
        var purchase = await session.Query<PurchaseView>().FirstOrDefaultAsync(p => p.ProviderPaymentId == providerPaymentId, cancellation);
        if (purchase is not null) return await OnPurchase(purchase.Id, decide);
        // The payment's own processing releases it; a look again in a minute covers a payment committed at this very moment.
        if (record.AwaitingPayment is null) await messages.ScheduleAsync(new ProcessProviderEvent(record.Id), TimeSpan.FromMinutes(1));
        record.AwaitingPayment = providerPaymentId;
        return $"waiting for payment {providerPaymentId}";
    }

    private Task<string> OnPurchase(Guid purchaseId, Func<Purchase, object[]> decide, string? providerSubscriptionId = null) =>
        OnPurchase(purchaseId, p => Task.FromResult(decide(p)), providerSubscriptionId);

    private async Task<string> OnPurchase(Guid purchaseId, Func<Purchase, Task<object[]>> decide, string? providerSubscriptionId = null)
    {
        var stream = await session.Events.FetchForWriting<Purchase>(purchaseId, cancellation);
        if (stream.Aggregate is not { } before) return "ignored: unknown purchase";
        var events = await decide(before);
        if (events.Length == 0) return "already applied";
        stream.AppendMany(events);
        var after = Purchase.After(before, events);
        var duplicateOf = !before.IsPaid && after.IsPaid ? await Duplicate(stream, after, providerSubscriptionId) : null;
        if (duplicateOf is null) await FollowAccess(before, after, providerSubscriptionId);
        if (after.ProviderPaymentId is { Length: > 0 } payment && before.ProviderPaymentId != payment)
        {
            await ReleaseWaiting(payment);
            if (after.Gross > 0) await messages.PublishAsync(new RecordProviderFee(after.Id));
        }
        return duplicateOf is null ? "applied" : $"applied: a duplicate of purchase {duplicateOf}, refunded in full";
    }

    /// <summary>
    /// A payment for what the buyer already owns gives nothing and goes back in full (decided under the buyer and product's lock,
    /// so of two payments racing, the second sees the first).
    /// </summary>
    private async Task<Guid?> Duplicate(IEventStream<Purchase> stream, Purchase paid, string? providerSubscriptionId)
    {
        await PurchaseSlot.Lock(session, paid.BuyerId, paid.ProductId, cancellation);
        var buyers = await session.Query<PurchaseView>().Where(p => p.BuyerId == paid.BuyerId && p.ProductId == paid.ProductId && p.PaidAt != null)
            .ToListAsync(cancellation);
        var subscriptions = await session.Query<SubscriptionView>()
            .Where(s => s.BuyerId == paid.BuyerId && s.ProductId == paid.ProductId && s.EndedAt == null).ToListAsync(cancellation);
        var events = PurchaseSlot.Duplicate(paid, buyers, subscriptions, now);
        if (events.Length == 0) return null;
        stream.AppendMany(events);
        // A second subscription would bill again every period: the provider stops it now.
        if (paid.SubscriptionId is { } duplicateSubscription && providerSubscriptionId is { Length: > 0 })
            await messages.PublishAsync(new CancelProviderSubscription(duplicateSubscription, providerSubscriptionId, AtPeriodEnd: false));
        await Entitlements.SettleHold(session, paid.ProductId, paid.Id, sold: false, "duplicate payment", at, cancellation);
        if (events.OfType<RefundRequested>().Any()) await messages.PublishAsync(new SendRefund(paid.Id, PurchaseSlot.RefundId(paid.Id)));
        var owner = events.OfType<DuplicatePaymentFound>().Single().OwnedThrough;
        logger.LogWarning("Purchase {PurchaseId} paid for product {ProductId} that buyer {BuyerId} already owns through {OwnerId}: refunding in full",
            paid.Id, paid.ProductId, paid.BuyerId, owner);
        return owner;
    }

    /// <summary>Access follows the purchase: granted when paid, revoked when wholly refunded or a dispute is lost.</summary>
    private async Task FollowAccess(Purchase before, Purchase after, string? providerSubscriptionId)
    {
        if (after.SubscriptionId is { } subscriptionId)
        {
            var isFirst = subscriptionId == DeterministicId.Subscription(after.Id);
            if (isFirst && !before.IsPaid && after.IsPaid)
            {
                var subscription = await session.Events.FetchForWriting<SubscriptionView>(subscriptionId, cancellation);
                var started = subscription.Aggregate is null ? Subscription.Start(after, providerSubscriptionId ?? "", at) : null;
                if (started is not null) subscription.AppendOne(started);
                if (subscription.Aggregate?.EndedAt is null) await Grant(after);
            }
            if (!Purchase.DisputeLost(before) && Purchase.DisputeLost(after)
                && await session.Events.FetchForWriting<SubscriptionView>(subscriptionId, cancellation) is { Aggregate: { } current } stream)
                await EndSubscriptionHandler.End(session, stream, current, "dispute lost", at, messages, cancelAtProvider: true, cancellation);
            return;
        }
        // A duplicate payment never gave access, so its refund takes none away.
        var had = before.DuplicateOf is null && Purchase.GivesAccess(before);
        var has = after.DuplicateOf is null && Purchase.GivesAccess(after);
        if (!had && has) await Grant(after);
        if (had && !has)
        {
            var reason = Purchase.FullyRefunded(after) ? "refunded" : "dispute lost";
            await Entitlements.Revoke(session, after.Kind, after.ProductId, after.BuyerId, reason, at, cancellation);
            await Entitlements.SettleHold(session, after.ProductId, after.Id, sold: false, reason, at, cancellation);
        }
        if (!before.IsPaid && after.IsPaid && !has)
            await Entitlements.SettleHold(session, after.ProductId, after.Id, sold: false, "taken back before it was paid", at, cancellation);
    }

    private async Task Grant(Purchase purchase)
    {
        // Access starts when it is granted, not at the provider's whole-second event time: drip schedules and
        // "enrolled before this lesson was published" are measured from it.
        await Entitlements.Grant(session, purchase.Kind, purchase.ProductId, purchase.BuyerId, now, logger, cancellation);
        await Entitlements.SettleHold(session, purchase.ProductId, purchase.Id, sold: true, "paid", at, cancellation);
    }

    /// <summary>Events that arrived before the payment they are about go round again now that it is known.</summary>
    private async Task ReleaseWaiting(string providerPaymentId)
    {
        var waiting = await session.Query<ProviderEventRecord>().Where(r => r.AwaitingPayment == providerPaymentId).ToListAsync(cancellation);
        foreach (var parked in waiting)
        {
            parked.AwaitingPayment = null;
            session.Store(parked);
            await messages.PublishAsync(new ProcessProviderEvent(parked.Id));
        }
    }

    /// <summary>A renewal: its own purchase (paid or failed), and the subscription renewed or past due.</summary>
    private async Task<string> OnInvoice(InvoiceSettled invoice)
    {
        var (subscription, current) = await StartedSubscription(invoice.SubscriptionId, invoice.FirstPurchaseId, invoice.ProviderSubscriptionId);
        if (current is null) return "ignored: unknown subscription";
        var renewalId = DeterministicId.Renewal(current.Provider, invoice.InvoiceId);
        var renewal = await session.Events.FetchForWriting<Purchase>(renewalId, cancellation);
        var events = new List<object>();
        if (renewal.Aggregate is null)
            events.Add(new RenewalBilled(renewalId, current.Id, current.ProductId, current.Kind, current.CommunityId, current.CreatorId, current.BuyerId,
                current.PriceId, current.Interval, invoice.Amount, invoice.Currency, current.FeePercent, current.Provider, invoice.InvoiceId, at));
        var purchase = Purchase.After(renewal.Aggregate, events);
        events.AddRange(invoice.Paid
            ? Purchase.Pay(purchase, new CheckoutPaid(renewalId, invoice.ProviderPaymentId ?? "", invoice.Amount, invoice.Currency, null), record.Id, at)
            : Purchase.Fail(purchase, "The renewal was not paid.", record.Id, at));
        renewal.AppendMany(events);
        // A renewal's payment costs a processing fee as a first payment does.
        if (events.OfType<PaymentSucceeded>().Any(p => p.Gross > 0 && p.ProviderPaymentId.Length > 0))
            await messages.PublishAsync(new RecordProviderFee(renewalId));
        var decided = Subscription.Settle(current, renewalId, invoice, at, options.RenewalGracePeriod);
        subscription.AppendMany(decided);
        foreach (var failed in decided.OfType<SubscriptionPaymentFailed>())
            await messages.ScheduleAsync(new EndUnpaidSubscription(current.Id, failed.PurchaseId), failed.GraceEndsAt);
        return events.Count + decided.Length == 0 ? "already applied" : "applied";
    }

    private async Task<string> OnSubscription(SubscriptionChanged changed)
    {
        var (subscription, current) = await StartedSubscription(changed.SubscriptionId, changed.FirstPurchaseId, changed.ProviderSubscriptionId);
        if (current is null) return "ignored: unknown subscription";
        if (changed.Deleted)
        {
            if (current.EndedAt is not null) return "already applied";
            await EndSubscriptionHandler.End(session, subscription, current, "canceled", at, messages, cancelAtProvider: false, cancellation);
            return "applied";
        }
        var decided = Subscription.Change(current, changed, at);
        if (decided.Length == 0) return "already applied";
        subscription.AppendMany(decided);
        return "applied";
    }

    /// <summary>
    /// The subscription, started from its first checkout if the provider reports on it before that checkout's payment (events
    /// come in any order); null when the ids are not ours.
    /// </summary>
    private async Task<(IEventStream<SubscriptionView> Stream, SubscriptionView? Current)> StartedSubscription(
        Guid subscriptionId, Guid? firstPurchaseId, string providerSubscriptionId)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionView>(subscriptionId, cancellation);
        if (stream.Aggregate is { } existing) return (stream, existing);
        if (firstPurchaseId is null) return (stream, null);
        var first = await session.Events.AggregateStreamAsync<Purchase>(firstPurchaseId.Value, token: cancellation);
        // A duplicate's subscription never started: what the provider says of it as it stops changes nothing.
        if (first is null || first.SubscriptionId != subscriptionId || first.DuplicateOf is not null) return (stream, null);
        var started = Subscription.Start(first, providerSubscriptionId, at);
        stream.AppendOne(started);
        return (stream, SubscriptionViewProjection.Create(started));
    }

    /// <summary>A connected account's payout reached the bank or bounced: a payout stream, its items traced through the provider's balance transactions.</summary>
    private async Task<string> OnPayout(PayoutSettled settled)
    {
        var account = await session.Query<PayoutAccountView>().FirstOrDefaultAsync(a => a.ProviderAccountId == settled.ProviderAccountId, cancellation);
        if (account is null) return "ignored: unknown account";
        var payoutId = DeterministicId.From("payout", record.Provider, settled.ProviderPayoutId);
        var stream = await session.Events.FetchForWriting<PayoutView>(payoutId, cancellation);
        var events = new List<object>();
        if (stream.Aggregate is null)
            events.Add(new Contracts.Payouts.PayoutCreated(payoutId, account.CreatorId, settled.Amount, settled.Currency,
                await PayoutItems(settled), record.Provider, settled.ProviderPayoutId, at));
        var status = stream.Aggregate?.Status;
        if (settled.Paid && status is null or PayoutStatus.InTransit) events.Add(new Contracts.Payouts.PayoutPaid(payoutId, at));
        // Stripe may report a payout failed after it reported it paid (the bank returned it).
        if (!settled.Paid && status is not PayoutStatus.Failed)
            events.Add(new Contracts.Payouts.PayoutFailed(payoutId, settled.FailureMessage ?? "failed", at));
        stream.AppendMany(events);
        return events.Count == 0 ? "already applied" : "applied";
    }

    private async Task<IReadOnlyList<Contracts.Payouts.PayoutItem>> PayoutItems(PayoutSettled settled)
    {
        var items = new List<Contracts.Payouts.PayoutItem>();
        foreach (var source in await provider.PayoutSources(settled.ProviderAccountId, settled.ProviderPayoutId, cancellation))
        {
            var purchase = await session.Query<PurchaseView>().FirstOrDefaultAsync(p => p.ProviderPaymentId == source.ProviderPaymentId, cancellation);
            if (purchase is null) continue; // money on the account that did not come through the platform
            var lines = await session.Query<Projections.Ledger.LedgerLine>().Where(l => l.PurchaseId == purchase.Id && l.Kind == source.Kind).ToListAsync(cancellation);
            var line = lines.FirstOrDefault(l => l.Amount == Math.Abs(source.Amount)) ?? lines.FirstOrDefault();
            items.Add(new Contracts.Payouts.PayoutItem(line?.Id ?? "", purchase.Id, source.Kind, source.Amount));
        }
        return items;
    }

    private async Task<string> OnAccount(AccountChanged account)
    {
        var stream = await session.Events.FetchForWriting<PayoutAccountView>(DeterministicId.PayoutAccount(account.CreatorId), cancellation);
        if (stream.Aggregate is null) return "ignored: unknown account";
        stream.AppendOne(new PayoutAccountUpdated(stream.Aggregate.Id, account.ChargesEnabled, account.PayoutsEnabled, account.RequirementsDue, record.Id, at));
        return "applied";
    }
}
