using Platform.Api.Commerce;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Tests.Commerce;

/// <summary>Every subscription status transition, over every order of renewal success, failure, cancellation and dispute reports.</summary>
public sealed class subscription_status_rules
{
    private static readonly DateTimeOffset January = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = January.AddMonths(1);
    private static readonly DateTimeOffset Now = January.AddDays(2);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(3);
    private static readonly Guid SubscriptionId = Guid.NewGuid(), FirstPurchase = Guid.NewGuid(), Declined = Guid.NewGuid(), Paid = Guid.NewGuid();

    private static SubscriptionView Started(DateTimeOffset? trialEndsAt = null) => SubscriptionViewProjection.Create(new SubscriptionStarted(SubscriptionId,
        FirstPurchase, Guid.NewGuid(), ProductKind.Community, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), PriceInterval.Month, 1000, "eur", 15,
        "local", "sub_1", trialEndsAt, trialEndsAt ?? January, January.AddMonths(-1)));

    private static Func<SubscriptionView, object[]> Invoice(Guid renewal, string invoice, bool paid, DateTimeOffset? at = null) => s =>
        Subscription.Settle(s, renewal, new InvoiceSettled(SubscriptionId, FirstPurchase, "sub_1", invoice, paid, paid ? $"pi_{invoice}" : null, 1000, "eur", February),
            at ?? Now, Grace);

    // A failed renewal, then a new invoice for the same period paid (the local test clock, a card updated at Stripe).
    private static readonly Func<SubscriptionView, object[]> Fail = Invoice(Declined, "in_declined", paid: false);
    private static readonly Func<SubscriptionView, object[]> PayNewInvoice = Invoice(Paid, "in_paid", paid: true);
    // Stripe's own retry of the failed invoice succeeds.
    private static readonly Func<SubscriptionView, object[]> PayRetry = Invoice(Declined, "in_declined", paid: true);
    private static readonly Func<SubscriptionView, object[]> Cancel = s =>
        Subscription.Change(s, new SubscriptionChanged(SubscriptionId, FirstPurchase, "sub_1", CancelAtPeriodEnd: true, February, Deleted: false), Now);
    private static readonly Func<SubscriptionView, object[]> DisputeLost = s => Subscription.End(s, "dispute lost", Now);

    private static SubscriptionView Run(IEnumerable<Func<SubscriptionView, object[]>> reports) => Run(Started(), reports);

    private static SubscriptionView Run(SubscriptionView started, IEnumerable<Func<SubscriptionView, object[]>> reports) =>
        reports.Aggregate(started, (view, decide) => decide(view).Aggregate(view, Apply));

    private static SubscriptionView Apply(SubscriptionView view, object e)
    {
        switch (e)
        {
            case SubscriptionRenewed x: SubscriptionViewProjection.Apply(x, view); break;
            case SubscriptionPaymentFailed x: SubscriptionViewProjection.Apply(x, view); break;
            case SubscriptionCancelRequested x: SubscriptionViewProjection.Apply(x, view); break;
            case SubscriptionEnded x: SubscriptionViewProjection.Apply(x, view); break;
            default: throw new InvalidOperationException($"{e.GetType().Name} is not a subscription event.");
        }
        return view;
    }

    [Fact]
    public void a_failed_renewal_makes_it_past_due()
    {
        var view = Run([Fail]);
        Assert.Equal(SubscriptionStatus.PastDue, view.Status(Now));
        Assert.Equal(January, view.CurrentPeriodEnd);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void a_successful_renewal_ends_past_due_in_every_order_with_a_cancellation(bool retryOfTheSameInvoice)
    {
        var orders = new[] { Fail, retryOfTheSameInvoice ? PayRetry : PayNewInvoice, Cancel }.Permutations().ToList();
        Assert.Equal(6, orders.Count);
        Assert.All(orders.Select(Run), end =>
        {
            Assert.Equal(SubscriptionStatus.Active, end.Status(Now));
            Assert.Empty(end.UnpaidRenewals);
            Assert.Equal(February, end.CurrentPeriodEnd);
            Assert.Equal(February, end.CancelsAt);
        });
    }

    [Fact]
    public void a_lost_dispute_ends_it_in_every_order_and_nothing_reported_later_revives_it()
    {
        var orders = new[] { Fail, PayNewInvoice, Cancel, DisputeLost }.Permutations().ToList();
        Assert.Equal(24, orders.Count);
        Assert.All(orders.Select(Run), end =>
        {
            Assert.Equal(SubscriptionStatus.Ended, end.Status(Now));
            Assert.Equal("dispute lost", end.EndReason);
        });
    }

    [Fact]
    public void reports_repeated_change_nothing()
    {
        var once = Run([Fail, PayNewInvoice, Cancel]);
        var twice = Run([Fail, PayNewInvoice, Cancel, Fail, PayNewInvoice, Cancel]);
        Assert.Equal((once.Status(Now), once.CurrentPeriodEnd, once.CancelsAt, once.PaidRenewals.Count),
            (twice.Status(Now), twice.CurrentPeriodEnd, twice.CancelsAt, twice.PaidRenewals.Count));
    }

    [Fact]
    public void a_renewal_paid_before_the_trial_ends_ends_the_trial_then()
    {
        var trialEnd = Now.AddDays(5);
        Assert.Equal(SubscriptionStatus.Trialing, Started(trialEnd).Status(Now));
        var paidEarly = Run(Started(trialEnd), [PayNewInvoice]);
        Assert.Equal((SubscriptionStatus.Active, Now), (paidEarly.Status(Now), paidEarly.TrialEndsAt));
        // Stripe bills a trial's first period when the trial is over: that invoice leaves the trial's end as it was.
        Assert.Equal(trialEnd, Run(Started(trialEnd), [Invoice(Paid, "in_paid", paid: true, at: trialEnd.AddHours(1))]).TrialEndsAt);
    }

    [Fact]
    public void a_failure_for_a_period_not_yet_paid_keeps_it_past_due()
    {
        var march = February.AddMonths(1);
        var view = Run([PayNewInvoice, s => Subscription.Settle(s, Guid.NewGuid(),
            new InvoiceSettled(SubscriptionId, FirstPurchase, "sub_1", "in_march", false, null, 1000, "eur", march), Now, Grace)]);
        Assert.Equal(SubscriptionStatus.PastDue, view.Status(Now));
        Assert.Equal(February, view.CurrentPeriodEnd);
    }
}
