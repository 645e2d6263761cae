using System.Numerics;
using Platform.Api.Commerce;

namespace Platform.Tests.Commerce;

public sealed class the_money_split
{
    /// <summary>The rule written out independently: round-half-up of gross × percent / 100, in exact integer arithmetic.</summary>
    private static long ExpectedFee(long gross, int percent)
    {
        var numerator = (BigInteger)gross * percent;
        var (quotient, remainder) = BigInteger.DivRem(numerator, 100);
        return (long)(remainder * 2 >= 100 ? quotient + 1 : quotient);
    }

    [Fact]
    public void every_gross_from_1_to_1_000_000_splits_into_parts_that_sum_to_it_with_the_fee_by_the_rule()
    {
        foreach (var percent in new[] { 15, 0, 7, 33, 100 })
            for (long gross = 1; gross <= 1_000_000; gross++)
            {
                var split = MoneySplit.Of(gross, percent);
                if (split.PlatformFee + split.CreatorShare != gross || split.PlatformFee != ExpectedFee(gross, percent) || split.CreatorShare < 0)
                    Assert.Fail($"gross {gross} at {percent}%: fee {split.PlatformFee}, share {split.CreatorShare}");
            }
    }

    [Fact]
    public void random_large_amounts_split_by_the_same_rule()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 200_000; i++)
        {
            var gross = random.NextInt64(1, long.MaxValue / 100);
            var percent = random.Next(0, 101);
            var split = MoneySplit.Of(gross, percent);
            Assert.Equal(gross, split.PlatformFee + split.CreatorShare);
            Assert.Equal(ExpectedFee(gross, percent), split.PlatformFee);
        }
    }

    [Theory]
    [InlineData(1, 0)]     // 0.15 rounds down
    [InlineData(3, 0)]     // 0.45 rounds down
    [InlineData(4, 1)]     // 0.60 rounds up
    [InlineData(10, 2)]    // 1.50: exactly half rounds up
    [InlineData(4900, 735)]
    [InlineData(1999, 300)] // 299.85
    public void the_fee_rounds_half_up_at_15_percent(long gross, long fee) => Assert.Equal(fee, MoneySplit.Of(gross, 15).PlatformFee);

    [Fact]
    public void several_partial_refunds_reverse_exactly_what_one_refund_of_their_sum_would_and_a_full_refund_reverses_the_whole_fee()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var gross = random.NextInt64(1, 10_000_000);
            var percent = random.Next(0, 101);
            var paid = MoneySplit.Of(gross, percent);
            long refunded = 0, feeBack = 0, shareBack = 0;
            while (refunded < gross && random.Next(4) > 0)
            {
                var amount = random.NextInt64(1, gross - refunded + 1);
                var back = MoneySplit.Reverse(gross, percent, refunded, amount);
                Assert.Equal(amount, back.PlatformFee + back.CreatorShare);
                Assert.True(back.PlatformFee >= 0 && back.CreatorShare >= 0, $"negative part refunding {amount} of {gross}");
                (refunded, feeBack, shareBack) = (refunded + amount, feeBack + back.PlatformFee, shareBack + back.CreatorShare);
                Assert.Equal(MoneySplit.Proportion(paid.PlatformFee, refunded, gross), feeBack);
            }
            if (refunded < gross)
            {
                var rest = MoneySplit.Reverse(gross, percent, refunded, gross - refunded);
                (feeBack, shareBack) = (feeBack + rest.PlatformFee, shareBack + rest.CreatorShare);
            }
            Assert.Equal(paid.PlatformFee, feeBack);
            Assert.Equal(paid.CreatorShare, shareBack);
        }
    }

    [Fact]
    public void a_refund_beyond_what_is_left_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneySplit.Reverse(1000, 15, 600, 401));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneySplit.Reverse(1000, 15, 0, 0));
        Assert.Equal(new Split(60, 340), MoneySplit.Reverse(1000, 15, 600, 400));
    }

    [Fact]
    public void a_partial_refund_reverses_the_fee_in_proportion_of_the_fee_charged_as_stripe_does()
    {
        // A 101 sale at 15 % charged a fee of 15; refunding 50 reverses round(15 × 50 / 101) = 7 (not 15 % of 50 = 8), the creator 43.
        Assert.Equal(new Split(15, 86), MoneySplit.Of(101, 15));
        Assert.Equal(new Split(7, 43), MoneySplit.Reverse(101, 15, 0, 50));
        Assert.Equal(new Split(8, 43), MoneySplit.Reverse(101, 15, 50, 51));
    }
}
