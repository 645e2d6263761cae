using Platform.Api.Commerce;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Tests.Commerce;

/// <summary>Stripe's minimum charge per currency, never below the provider's fee, on prices and on prices after coupons.</summary>
public sealed class the_minimum_charge
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("usd", 50)]
    [InlineData("eur", 50)]
    [InlineData("jpy", 50)]
    [InlineData("huf", 17500)]
    [InlineData("gbp", 32)] // Stripe's 30 pence would not cover the 31 pence fee on it
    [InlineData("xyz", 50)] // outside the table: the usd figure
    public void is_stripes_minimum_raised_above_the_fee(string currency, long minimum)
    {
        Assert.Equal(minimum, MinimumCharge.Of(currency));
        Assert.True(MinimumCharge.Of(currency) > LocalPaymentProvider.StandardCardFee(MinimumCharge.Of(currency)));
    }

    private static ProductView PricedAt(long amount, string currency = "usd") => ProductViewProjection.Create(new PriceSet(Guid.NewGuid(), Guid.NewGuid(),
        ProductKind.Course, Guid.NewGuid(), Guid.NewGuid(), amount, currency, PriceInterval.OneTime, 0, null, Guid.NewGuid(), Now));

    private static CreateCoupon Coupon(int? percentOff = null, long? amountOff = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "SALE", percentOff, amountOff, null, null, Guid.NewGuid());

    [Fact]
    public void a_coupon_that_leaves_less_than_the_minimum_is_refused()
    {
        var refused = Assert.Throws<DomainException>(() => Product.CreateCoupon(PricedAt(100), Coupon(amountOff: 99), Now));
        Assert.Equal(ErrorCodes.Validation, refused.Code);
        Assert.Throws<DomainException>(() => Product.CreateCoupon(PricedAt(100), Coupon(percentOff: 51), Now));
        Assert.Single(Product.CreateCoupon(PricedAt(100), Coupon(percentOff: 50), Now));
        Assert.Single(Product.CreateCoupon(PricedAt(100), Coupon(amountOff: 50), Now));
    }

    [Fact]
    public void a_checkout_with_a_coupon_made_for_a_higher_price_is_refused_when_the_price_drops()
    {
        var product = PricedAt(1000);
        ProductViewProjection.Apply(new CouponCreated(product.ProductId, Guid.NewGuid(), "BIG", null, 900, null, null, Guid.NewGuid(), Now), product);
        var subject = new ProductSubject(product.ProductId, ProductKind.Course, product.CommunityId, "Course", true, true);
        var buyer = new BuyerStanding(false, true, null);

        Assert.Equal(100, Product.Terms(product, subject, buyer, null, "BIG", Now).Amount);
        ProductViewProjection.Apply(new PriceSet(product.ProductId, Guid.NewGuid(), ProductKind.Course, product.CommunityId, Guid.NewGuid(), 920, "usd",
            PriceInterval.OneTime, 0, null, Guid.NewGuid(), Now), product);
        var refused = Assert.Throws<DomainException>(() => Product.Terms(product, subject, buyer, null, "BIG", Now));
        Assert.Equal(ErrorCodes.Validation, refused.Code);
    }
}
