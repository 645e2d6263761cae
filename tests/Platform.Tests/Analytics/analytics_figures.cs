using Platform.Api.Analytics;
using Platform.Api.Commerce;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Analytics;

namespace Platform.Tests.Analytics;

/// <summary>The pure definitions behind creatorAnalytics and fee policies: given facts, then the figures.</summary>
public sealed class analytics_figures
{
    private static readonly DateTimeOffset Jan = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Buyer = Guid.NewGuid();
    private static readonly IReadOnlyDictionary<Guid, CourseInfo> NoCourses = new Dictionary<Guid, CourseInfo>();

    private static SubscriptionFacts Sub(long amount, DateTimeOffset paying, DateTimeOffset? ended = null, PriceInterval interval = PriceInterval.Month) => new()
    {
        Id = Guid.NewGuid(), BuyerId = Buyer, Currency = "eur", Interval = interval, Amount = amount, StartedAt = paying, PayingFrom = paying, EndedAt = ended,
    };

    private static AnalyticsFacts Facts(params SubscriptionFacts[] subscriptions) => new([], subscriptions, [], [], NoCourses);

    [Fact]
    public void a_subscriber_who_adds_drops_leaves_and_returns_moves_mrr_once_each_month()
    {
        var facts = Facts(
            Sub(1000, Jan.AddDays(3), ended: Jan.AddMonths(2).AddDays(1)),    // January new, March churned (with the yearly one)
            Sub(12_006, Jan.AddMonths(1).AddDays(9), ended: Jan.AddMonths(2).AddDays(5), interval: PriceInterval.Year), // February +1001 (12006 / 12, half up)
            Sub(700, Jan.AddMonths(3).AddDays(2)));                            // April back
        var report = AnalyticsFigures.Report(Guid.NewGuid(), facts, new AnalyticsWindow(Jan, Jan.AddMonths(4), "eur"));

        Assert.Equal([("2027-01", 1000L, 1000L, 0L, 0L, 0L, 0L), ("2027-02", 2001L, 0L, 1001L, 0L, 0L, 0L), ("2027-03", 0L, 0L, 0L, 0L, 2001L, 0L),
                ("2027-04", 700L, 0L, 0L, 0L, 0L, 700L)],
            report.MrrByMonth.Select(m => (m.Month, m.Mrr.Amount, m.New.Amount, m.Expansion.Amount, m.Contraction.Amount, m.Churned.Amount, m.Reactivated.Amount)));
        Assert.Equal((700L, 1, 700L), (report.Mrr.Amount, report.ActiveSubscribers, report.Arpu.Amount));
        Assert.Null(report.ChurnRate); // nobody paid on 1 January
    }

    [Fact]
    public void a_subscription_ending_within_the_window_counts_against_those_paying_at_its_start()
    {
        var facts = Facts(Sub(1000, Jan.AddDays(-40), ended: Jan.AddDays(10)), Sub(500, Jan.AddDays(-40)),
            new SubscriptionFacts { Id = Guid.NewGuid(), BuyerId = Guid.NewGuid(), Currency = "eur", Interval = PriceInterval.Month, Amount = 900, StartedAt = Jan.AddDays(-5), PayingFrom = Jan.AddDays(-5) });
        var report = AnalyticsFigures.Report(Guid.NewGuid(), facts, new AnalyticsWindow(Jan, Jan.AddDays(20), "eur"));

        // Two subscribers paid at the start (one with two subscriptions); both still pay something at the end.
        Assert.Equal(0.0, report.ChurnRate);
        Assert.Equal(1400, report.Mrr.Amount);
        Assert.Equal(1000, Assert.Single(report.MrrByMonth).Contraction.Amount); // 1500 down to 500
    }

    [Fact]
    public void the_fee_in_force_is_the_latest_version_whose_time_has_come()
    {
        var community = Guid.NewGuid();
        var policy = new FeePolicyView { Id = community };
        var now = Jan;
        policy.Versions.Add(new FeePolicyVersion(10, now.AddDays(10), Guid.NewGuid(), now));
        policy.Versions.Add(new FeePolicyVersion(12, now.AddDays(5), Guid.NewGuid(), now.AddMinutes(1)));

        Assert.Equal(15, FeePolicy.InForce(null, 15, now));
        Assert.Equal(15, FeePolicy.InForce(policy, 15, now.AddDays(5).AddTicks(-1)));
        Assert.Equal(12, FeePolicy.InForce(policy, 15, now.AddDays(5)));
        Assert.Equal(10, FeePolicy.InForce(policy, 15, now.AddDays(10)));

        var set = FeePolicy.Set(policy, 15, new SetFeePolicy(community, 8, now.AddDays(20), Guid.NewGuid()), now);
        Assert.Equal((8, 10), (set.Percent, set.PreviousPercent));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => FeePolicy.Set(policy, 15, new SetFeePolicy(community, 8, now.AddSeconds(-1), Guid.NewGuid()), now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => FeePolicy.Set(policy, 15, new SetFeePolicy(community, -1, null, Guid.NewGuid()), now)).Code);
    }

    [Fact]
    public void a_preview_reverses_refunds_as_money_split_would()
    {
        // 999 paid at 15 % (fee 150), then two refunds of 333 each, reversed as MoneySplit.Reverse decided them.
        var first = MoneySplit.Reverse(999, 15, 0, 333);
        var second = MoneySplit.Reverse(999, 15, 333, 333);
        var sale = new SaleFacts
        {
            Id = Guid.NewGuid(), Currency = "eur", PaidAt = Jan, Gross = 999, PlatformFee = 150, CreatorShare = 849,
            Refunds = [new TakenBack("re_1", 333, first.PlatformFee, first.CreatorShare, Jan), new TakenBack("re_2", 333, second.PlatformFee, second.CreatorShare, Jan)],
        };
        var preview = PreviewFeePolicyQuery.Preview(Guid.NewGuid(), 15, 20, Jan, Jan.AddDays(-30), Jan, [sale]);

        var totals = Assert.Single(preview.Totals);
        // Kept at 15 %: fee 150 less 50 + 50 reversed; share 999 - 666 - 50. At 20 %: fee 200 less 133 (20 % of 666, what the two
        // reversals would have added up to); share 333 - 67.
        Assert.Equal((666L, 50L, 67L, 283L, 266L, 17L, -17L), (totals.TakenBack.Amount, totals.PlatformFee.Amount, totals.ProposedPlatformFee.Amount,
            totals.CreatorShare.Amount, totals.ProposedCreatorShare.Amount, totals.PlatformFeeDifference.Amount, totals.CreatorShareDifference.Amount));
        Assert.Equal(133, MoneySplit.Reverse(999, 20, 0, 333).PlatformFee + MoneySplit.Reverse(999, 20, 333, 333).PlatformFee);
    }
}
