using Platform.Api.Commerce;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Tests.Commerce;

public sealed class purchase_decisions
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Purchase Checkout(long amount = 1000) => Purchase.After(null,
    [
        new CheckoutStarted(Guid.NewGuid(), Guid.NewGuid(), ProductKind.Course, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            PriceInterval.OneTime, 0, amount, 0, amount, "eur", 15, null, null, "local", "cs_1", "https://pay", Now.AddHours(1), Now),
    ]);

    private static Purchase Apply(Purchase purchase, Func<Purchase, object[]> decide) => Purchase.After(purchase, decide(purchase));

    private static readonly Func<Purchase, object[]> Pay = p => Purchase.Pay(p, new CheckoutPaid(p.Id, "pi_1", 1000, "eur", null), "evt_pay", Now);
    private static readonly Func<Purchase, object[]> RefundSome = p => Refunded(p, new RefundChanged(p.Id, "pi_1", null, "re_1", 333, "succeeded", null));

    /// <summary>A refund booked with what the local provider reports for it, as the processor books it.</summary>
    private static object[] Refunded(Purchase p, RefundChanged refund) =>
        Purchase.Refund(p, refund, Purchase.Reversal(p, refund) is { } query ? LocalPaymentProvider.Reverse(query) : null, "evt_refund", Now);
    private static readonly Func<Purchase, object[]> DisputeRest = p => Disputed(p, new DisputeChanged("pi_1", "dp_1", 667, "fraudulent", "lost"));

    /// <summary>A dispute booked with what the local provider reports for it, as the processor books it.</summary>
    public static object[] Disputed(Purchase p, DisputeChanged dispute) =>
        Purchase.Dispute(p, dispute, Purchase.Reversal(p, dispute) is { } query ? LocalPaymentProvider.Reverse(query) : null, "evt_dispute", Now);

    [Fact]
    public void a_payment_refund_and_lost_dispute_end_in_one_state_whatever_their_order()
    {
        var orders = new[] { Pay, RefundSome, DisputeRest }.Permutations();
        var ends = orders.Select(order => order.Aggregate(Checkout(), Apply)).ToList();
        Assert.Equal(6, ends.Count);
        Assert.All(ends, end =>
        {
            Assert.True(Purchase.DisputeLost(end));
            Assert.Equal((1000, 333, 667), (end.Gross, end.Refunded, end.Disputes.Sum(d => d.Amount)));
            Assert.Equal(150, end.PlatformFee);
            Assert.False(Purchase.GivesAccess(end));
        });
    }

    [Fact]
    public void every_decision_is_idempotent()
    {
        var purchase = Apply(Apply(Apply(Checkout(), Pay), RefundSome), DisputeRest);
        Assert.Empty(Pay(purchase));
        Assert.Empty(RefundSome(purchase));
        Assert.Empty(DisputeRest(purchase));
    }

    [Fact]
    public void a_refund_is_booked_with_the_reversal_the_provider_reports_and_one_that_does_not_add_up_is_refused()
    {
        var paid = Apply(Checkout(), Pay);
        var refund = new RefundChanged(paid.Id, "pi_1", null, "re_1", 333, "succeeded", null);
        var query = Purchase.Reversal(paid, refund)!;
        var booked = Assert.IsType<PaymentRefunded>(Assert.Single(Purchase.Refund(paid, refund, new Split(49, 284), "evt", Now)));
        var refused = Assert.Throws<DomainException>(() => Purchase.Refund(paid, refund, new Split(49, 283), "evt", Now));
        var unasked = Assert.Throws<DomainException>(() => Purchase.Refund(paid, refund, null, "evt", Now));

        Assert.Equal(("pi_1", "re_1", 333L, 1000L, 15, 0L, 0L),
            (query.ProviderPaymentId, query.TakenBackBy, query.Amount, query.Gross, query.FeePercent, query.TakenBackBefore, query.FeeReversedBefore));
        Assert.Equal((49L, 284L), (booked.PlatformFeeReversed, booked.CreatorShareReversed));
        Assert.Equal(ErrorCodes.Validation, refused.Code);
        Assert.Equal(ErrorCodes.Validation, unasked.Code);
        var after = Purchase.After(paid, [booked]);
        var second = Purchase.Reversal(after, refund with { ProviderRefundId = "re_2", Amount = 100 })!;
        Assert.Equal((333L, 49L), (second.TakenBackBefore, second.FeeReversedBefore));
        Assert.Null(Purchase.Reversal(after, refund));
    }

    [Fact]
    public void a_declined_attempt_does_not_beat_a_later_payment_and_an_expired_paid_checkout_stays_paid()
    {
        var declined = Apply(Checkout(), p => Purchase.Fail(p, "card_declined", "evt_fail", Now));
        Assert.Equal(("card_declined", false), (declined.FailureReason, declined.IsPaid));
        var paid = Apply(declined, Pay);
        Assert.True(Purchase.GivesAccess(paid));
        Assert.Empty(Purchase.Expire(paid, "evt_expire", Now));
        Assert.Empty(Purchase.Fail(paid, "card_declined", "evt_fail_2", Now));
    }

    [Fact]
    public void a_refund_request_may_take_at_most_what_is_left_counting_pending_refunds()
    {
        var paid = Apply(Checkout(), Pay);
        var creator = Guid.NewGuid();
        var first = Apply(paid, p => Purchase.RequestRefund(p, new RefundPurchase(p.Id, Guid.NewGuid(), 600, "late", creator), Now));
        Assert.Equal(400, Purchase.Refundable(first));
        var tooMuch = Assert.Throws<DomainException>(() => Purchase.RequestRefund(first, new RefundPurchase(first.Id, Guid.NewGuid(), 401, "more", creator), Now));
        Assert.Equal(ErrorCodes.Validation, tooMuch.Code);
        var rest = Purchase.RequestRefund(first, new RefundPurchase(first.Id, Guid.NewGuid(), null, "the rest", creator), Now);
        Assert.Equal(400, Assert.IsType<RefundRequested>(Assert.Single(rest)).Amount);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() =>
            Purchase.RequestRefund(Checkout(), new RefundPurchase(Guid.NewGuid(), Guid.NewGuid(), null, "unpaid", creator), Now)).Code);
    }

    [Fact]
    public void the_provider_refusing_a_refund_frees_its_amount_again()
    {
        var paid = Apply(Checkout(), Pay);
        var refundId = Guid.NewGuid();
        var requested = Apply(paid, p => Purchase.RequestRefund(p, new RefundPurchase(p.Id, refundId, 1000, "all", Guid.NewGuid()), Now));
        Assert.Equal(0, Purchase.Refundable(requested));
        var failed = Apply(requested, p => Purchase.Refund(p, new RefundChanged(p.Id, "pi_1", refundId, "re_9", 1000, "failed", "expired_or_canceled_card"), null, "evt", Now));
        Assert.Equal(1000, Purchase.Refundable(failed));
        Assert.Equal(RefundStatus.Failed, Assert.Single(failed.Refunds).Status);
        Assert.True(Purchase.GivesAccess(failed));
    }
}

internal static class Sequences
{
    public static IEnumerable<T[]> Permutations<T>(this T[] items) =>
        items.Length <= 1 ? [items]
        : items.SelectMany((item, i) => items.Where((_, j) => j != i).ToArray().Permutations().Select(rest => new[] { item }.Concat(rest).ToArray()));
}
