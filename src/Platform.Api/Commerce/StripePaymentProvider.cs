using Platform.Contracts.Commerce;
using Stripe;

namespace Platform.Api.Commerce;

/// <summary>
/// Stripe Connect through Stripe.net: Express accounts for creators, destination charges through Checkout Sessions with our fee
/// as the application fee, subscriptions that transfer the creator's share, refunds that reverse the transfer and the fee in
/// proportion, lost disputes for which the platform reverses them the same way. Every POST carries an idempotency key made from
/// our ids, so a retry never acts twice.
/// </summary>
public sealed class StripePaymentProvider(StripeClient client, PaymentOptions options, IConfiguration configuration) : IPaymentProvider
{
    public string Name => "stripe";

    public async Task<string> OpenAccount(Guid creatorId, CancellationToken cancellation)
    {
        var account = await Call(() => new AccountService(client).CreateAsync(new AccountCreateOptions
        {
            Type = "express",
            Metadata = new Dictionary<string, string> { ["creator_id"] = creatorId.ToString() },
        }, Key($"account-{creatorId}"), cancellation));
        return account.Id;
    }

    public async Task<string> OnboardingLink(Guid creatorId, string providerAccountId, CancellationToken cancellation)
    {
        var back = $"{LocalPaymentProvider.Origin(configuration)}/payments/onboarding/{creatorId}";
        // Links are single-use and short-lived: each request is a new link, keyed by its own id.
        var link = await Call(() => new AccountLinkService(client).CreateAsync(new AccountLinkCreateOptions
        {
            Account = providerAccountId, Type = "account_onboarding", RefreshUrl = back, ReturnUrl = back,
        }, Key($"account-link-{Guid.NewGuid()}"), cancellation));
        return link.Url;
    }

    public async Task<ProviderCheckout> StartCheckout(CheckoutRequest request, CancellationToken cancellation)
    {
        var metadata = new Dictionary<string, string> { ["purchase_id"] = request.PurchaseId.ToString() };
        if (request.SubscriptionId is { } subscriptionId) metadata["subscription_id"] = subscriptionId.ToString();
        var returnUrl = options.ReturnUrl is { Length: > 0 } url ? url.Replace("{CHECKOUT_ID}", request.PurchaseId.ToString())
            : $"{LocalPaymentProvider.Origin(configuration)}/payments/checkout/{request.PurchaseId}";
        var session = new Stripe.Checkout.SessionCreateOptions
        {
            Mode = request.SubscriptionId is null ? "payment" : "subscription",
            ClientReferenceId = request.PurchaseId.ToString(),
            Metadata = metadata,
            ExpiresAt = request.ExpiresAt.UtcDateTime,
            SuccessUrl = returnUrl,
            CancelUrl = returnUrl,
            LineItems =
            [
                new Stripe.Checkout.SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new Stripe.Checkout.SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency,
                        UnitAmount = request.Amount,
                        ProductData = new Stripe.Checkout.SessionLineItemPriceDataProductDataOptions { Name = request.ProductName },
                        Recurring = request.Interval == PriceInterval.OneTime ? null
                            : new Stripe.Checkout.SessionLineItemPriceDataRecurringOptions { Interval = request.Interval == PriceInterval.Year ? "year" : "month" },
                    },
                },
            ],
        };
        if (request.SubscriptionId is null)
            session.PaymentIntentData = new Stripe.Checkout.SessionPaymentIntentDataOptions
            {
                ApplicationFeeAmount = request.ApplicationFee,
                TransferData = new Stripe.Checkout.SessionPaymentIntentDataTransferDataOptions { Destination = request.DestinationAccountId },
                Metadata = metadata,
            };
        else
            session.SubscriptionData = new Stripe.Checkout.SessionSubscriptionDataOptions
            {
                TrialPeriodDays = request.TrialDays > 0 ? request.TrialDays : null,
                TransferData = new Stripe.Checkout.SessionSubscriptionDataTransferDataOptions
                {
                    Destination = request.DestinationAccountId, AmountPercent = 100 - request.FeePercent,
                },
                Metadata = metadata,
            };
        var created = await Call(() => new Stripe.Checkout.SessionService(client).CreateAsync(session, Key($"checkout-{request.PurchaseId}"), cancellation));
        return new ProviderCheckout(created.Id, created.Url);
    }

    /// <summary>
    /// The refund's transfer reversal and the charge's application fee, as Stripe booked them. A destination charge transfers the
    /// whole amount and takes the fee back from the account, so the creator lost the reversal less the fee refunded; a subscription's
    /// percentage transfer has no fee object, so the creator lost the reversal. The fee refund Stripe reports is a running total per
    /// charge: this refund's part is that total less what earlier refunds booked.
    /// </summary>
    public async Task<Split?> Reversal(ReversalQuery query, CancellationToken cancellation)
    {
        if (query.Cause == ReversalCause.Dispute) return await DisputeReversal(query, cancellation);
        var refund = await new RefundService(client).GetAsync(query.TakenBackBy,
            new RefundGetOptions { Expand = ["transfer_reversal", "charge.application_fee"] }, cancellationToken: cancellation);
        if (refund.TransferReversalId is null) return new Split(query.Amount, 0); // nothing taken from the creator: the platform bore it all
        return refund.TransferReversal is { } reversal ? Booked(query, reversal, refund.Charge?.ApplicationFee) : null;
    }

    /// <summary>
    /// Stripe debits the platform for a lost dispute and takes nothing back from the creator: the platform reverses the transfer for
    /// the disputed part (in proportion to the transfer, as a refund's <c>reverse_transfer</c> does) and has the application fee
    /// refunded in proportion (<c>refund_application_fee</c>), keyed by the dispute so a retry reverses once. Null while the
    /// charge's transfer is not there yet.
    /// </summary>
    private async Task<Split?> DisputeReversal(ReversalQuery query, CancellationToken cancellation)
    {
        var charge = await Charge(query.ProviderPaymentId, cancellation);
        if (charge?.Transfer is not { } transfer) return null;
        var amount = MoneySplit.Proportion(transfer.Amount, query.TakenBackBefore + query.Amount, query.Gross)
                     - MoneySplit.Proportion(transfer.Amount, query.TakenBackBefore, query.Gross);
        if (amount == 0) return new Split(query.Amount, 0);
        var reversal = await Call(() => new TransferReversalService(client).CreateAsync(transfer.Id, new TransferReversalCreateOptions
        {
            Amount = amount,
            RefundApplicationFee = charge.ApplicationFeeId is not null,
            Metadata = new Dictionary<string, string> { ["dispute_id"] = query.TakenBackBy },
        }, Key($"dispute-reversal-{query.TakenBackBy}"), cancellation));
        // The reversal object does not carry the fee refund: the charge's application fee shows its running total after it.
        var fee = charge.ApplicationFeeId is null ? null : (await Charge(query.ProviderPaymentId, cancellation))?.ApplicationFee;
        return Booked(query, reversal, fee);
    }

    private async Task<Charge?> Charge(string providerPaymentId, CancellationToken cancellation) =>
        (await new PaymentIntentService(client).GetAsync(providerPaymentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.transfer", "latest_charge.application_fee"] }, cancellationToken: cancellation)).LatestCharge;

    /// <summary>
    /// The creator lost the transfer reversal less the application fee refunded with it (a running total per charge: this part is
    /// that total less what the ledger booked before); the platform bore the rest. Null while the numbers do not add up yet.
    /// </summary>
    private static Split? Booked(ReversalQuery query, TransferReversal reversal, ApplicationFee? fee)
    {
        var feeRefunded = fee is null ? 0 : fee.AmountRefunded - query.FeeReversedBefore;
        var share = reversal.Amount - feeRefunded;
        return feeRefunded < 0 || share < 0 || share > query.Amount ? null : new Split(query.Amount - share, share);
    }

    public async Task<long?> ProcessingFee(string providerPaymentId, long amount, CancellationToken cancellation)
    {
        var payment = await new PaymentIntentService(client).GetAsync(providerPaymentId,
            new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }, cancellationToken: cancellation);
        return payment.LatestCharge?.BalanceTransaction?.Fee;
    }

    public async Task<IReadOnlyList<ProviderTransaction>> BalanceTransactions(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var booked = new List<ProviderTransaction>();
        var options = new BalanceTransactionListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime }, Limit = 100, Expand = ["data.source"],
        };
        await foreach (var transaction in new BalanceTransactionService(client).ListAutoPagingAsync(options, cancellationToken: cancellation))
        {
            switch (transaction.Source)
            {
                case Charge { PaymentIntentId: { } payment }:
                    booked.Add(new ProviderTransaction($"payment:{payment}", transaction.Amount, transaction.Currency, transaction.Id));
                    booked.Add(new ProviderTransaction($"fee:{payment}", transaction.Fee, transaction.Currency, transaction.Id));
                    break;
                case Refund refund:
                    booked.Add(new ProviderTransaction($"refund:{refund.Id}", Math.Abs(transaction.Amount), transaction.Currency, transaction.Id));
                    break;
            }
        }
        // Creators' payouts leave their connected accounts, not ours: each account's payouts that arrived in the period.
        await foreach (var account in new AccountService(client).ListAutoPagingAsync(new AccountListOptions { Limit = 100 }, cancellationToken: cancellation))
        {
            var payouts = new PayoutListOptions
            {
                ArrivalDate = new DateRangeOptions { GreaterThanOrEqual = from.UtcDateTime, LessThan = to.UtcDateTime }, Status = "paid", Limit = 100,
            };
            await foreach (var payout in new PayoutService(client).ListAutoPagingAsync(payouts, new RequestOptions { StripeAccount = account.Id }, cancellation))
                booked.Add(new ProviderTransaction($"payout:{payout.Id}", payout.Amount, payout.Currency, payout.Id));
        }
        return booked;
    }

    /// <summary>
    /// The payout's balance transactions on the connected account. A destination charge reaches it as a payment whose transfer
    /// carries the transfer group <c>group_&lt;payment intent&gt;</c>; a refund that reversed the transfer as a payment refund of that payment.
    /// </summary>
    public async Task<IReadOnlyList<PayoutSource>> PayoutSources(string providerAccountId, string providerPayoutId, CancellationToken cancellation)
    {
        var sources = new List<PayoutSource>();
        var options = new BalanceTransactionListOptions
        {
            Payout = providerPayoutId, Limit = 100, Expand = ["data.source.source_transfer", "data.source.charge.source_transfer"],
        };
        await foreach (var transaction in new BalanceTransactionService(client).ListAutoPagingAsync(options, new RequestOptions { StripeAccount = providerAccountId },
                           cancellation))
        {
            var (kind, group) = transaction.Source switch
            {
                Charge charge => ("sale_share", charge.SourceTransfer?.TransferGroup),
                Refund refund => ("refund_share", refund.Charge?.SourceTransfer?.TransferGroup),
                _ => ("", null),
            };
            if (group is { Length: > 6 } && group.StartsWith("group_", StringComparison.Ordinal))
                sources.Add(new PayoutSource(group["group_".Length..], kind, transaction.Amount));
        }
        return sources;
    }

    public Task Refund(RefundRequest request, CancellationToken cancellation) =>
        Call(() => new RefundService(client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = request.ProviderPaymentId,
            Amount = request.Amount,
            ReverseTransfer = true,
            RefundApplicationFee = true,
            Metadata = new Dictionary<string, string> { ["purchase_id"] = request.PurchaseId.ToString(), ["refund_id"] = request.RefundId.ToString() },
        }, Key($"refund-{request.RefundId}"), cancellation));

    public Task CancelSubscription(Guid subscriptionId, string providerSubscriptionId, bool atPeriodEnd, CancellationToken cancellation) =>
        atPeriodEnd
            ? Call(() => new SubscriptionService(client).UpdateAsync(providerSubscriptionId, new SubscriptionUpdateOptions { CancelAtPeriodEnd = true },
                Key($"cancel-at-period-end-{subscriptionId}"), cancellation))
            : Call(() => new SubscriptionService(client).CancelAsync(providerSubscriptionId, new SubscriptionCancelOptions(), Key($"cancel-{subscriptionId}"), cancellation));

    private static RequestOptions Key(string key) => new() { IdempotencyKey = key };

    /// <summary>Stripe's refusals (4xx other than 429) are final; its faults and rate limits are left to the caller's retries.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try { return await request(); }
        catch (StripeException refused) when ((int)refused.HttpStatusCode is >= 400 and < 500 and not 409 and not 429)
        {
            throw new PaymentRefusedException(refused.StripeError?.Message ?? refused.Message);
        }
    }
}
