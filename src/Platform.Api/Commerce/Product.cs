using System.Text.RegularExpressions;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>
/// What is sold: the course or community behind a product id, and who is paid for it. <c>Priceable</c>: it is sold at all (a PAID course,
/// a community joined by paying); <c>ForSale</c>: it can be bought now (a PAID course must be published too).
/// </summary>
public sealed record ProductSubject(Guid ProductId, ProductKind Kind, Guid CommunityId, string Name, bool Priceable, bool ForSale);

/// <summary>What the buyer already has of the product, and whether they may buy it.</summary>
public sealed record BuyerStanding(bool HasAccess, bool MayBuy, string? Why);

/// <summary>The checkout's terms, decided once: the price, the coupon's discount, the fee and the hold.</summary>
public sealed record CheckoutTerms(PriceView Price, CouponView? Coupon, long Discount, long Amount, bool TakesSeat)
{
    public bool NeedsHold => TakesSeat || Coupon?.MaxRedemptions is not null;
}

/// <summary>
/// The product stream (a course or a community membership for sale): its pure rules on prices (PRIC), coupons and the
/// checkout terms that take seats and coupon redemptions. It decides on <see cref="ProductView"/>, an inline read model that
/// carries exactly what these rules need.
/// </summary>
public static partial class Product
{
    public const int MaxTrialDays = 730;

    public static object[] SetPrice(ProductSubject subject, Community community, SetPrice command, DateTimeOffset now)
    {
        if (!subject.Priceable)
            throw DomainException.Invalid(subject.Kind == ProductKind.Course
                ? "Only a PAID course has a price: a FREE or LEVEL course is not sold."
                : "Only a community with join policy PAID has a price: its membership is not sold otherwise.");
        var currency = Currencies.Of(command.Currency);
        var minimum = MinimumCharge.Of(currency);
        if (command.Amount < minimum || command.Amount > MoneySplit.MaxAmount)
            throw DomainException.Invalid($"A price in {currency} is {minimum} to {MoneySplit.MaxAmount} minor units: the payment provider charges no less than {minimum}.");
        if (command.TrialDays is < 0 or > MaxTrialDays) throw DomainException.Invalid($"A free trial is 0 to {MaxTrialDays} days.");
        if (command.TrialDays > 0 && command.Interval == PriceInterval.OneTime) throw DomainException.Invalid("Only a recurring price has a free trial.");
        if (command.SeatLimit is < 1) throw DomainException.Invalid("A seat limit is at least 1.");
        return [new PriceSet(subject.ProductId, command.PriceId, subject.Kind, subject.CommunityId, community.CreatorId, command.Amount, currency,
            command.Interval, command.TrialDays, command.SeatLimit, command.SetBy, now)];
    }

    public static object[] CreateCoupon(ProductView? product, CreateCoupon command, DateTimeOffset now)
    {
        if (product?.CurrentPrice is not { } price) throw DomainException.Conflict("Set a price before making coupons for it.");
        var code = command.Code.Trim().ToUpperInvariant();
        if (!CouponCode().IsMatch(code)) throw DomainException.Invalid("A coupon code is 3 to 32 letters, digits, '-' or '_'.");
        if (product.Coupons.Any(c => c.Code == code)) throw DomainException.Conflict($"This product already has a coupon {code}.");
        if ((command.PercentOff is null) == (command.AmountOff is null)) throw DomainException.Invalid("Give either percentOff or amountOff.");
        if (command.PercentOff is < 1 or > 99) throw DomainException.Invalid("percentOff is 1 to 99: a free course is made free, not discounted.");
        if (command.AmountOff is { } off && (off < 1 || off >= price.Amount))
            throw DomainException.Invalid($"amountOff is 1 to {price.Amount - 1} {price.Currency} minor units, less than the price.");
        var discounted = price.Amount - Discount(price.Amount, command.PercentOff, command.AmountOff);
        if (discounted < MinimumCharge.Of(price.Currency))
            throw DomainException.Invalid($"With this coupon the price would be {discounted} {price.Currency} minor units, below the least that can be charged " +
                $"({MinimumCharge.Of(price.Currency)}: the provider's minimum charge, and never less than its fee).");
        if (command.ExpiresAt <= now) throw DomainException.Invalid("The coupon would already be expired.");
        if (command.MaxRedemptions is < 1) throw DomainException.Invalid("maxRedemptions is at least 1.");
        return [new CouponCreated(product.ProductId, command.CouponId, code, command.PercentOff, command.AmountOff, command.ExpiresAt,
            command.MaxRedemptions, command.CreatedBy, now)];
    }

    /// <summary>Opening a checkout (CHKO): the price, the coupon, the seat, decided on the product as it stands.</summary>
    public static CheckoutTerms Terms(ProductView product, ProductSubject subject, BuyerStanding buyer, Guid? priceId, string? couponCode, DateTimeOffset now)
    {
        if (!subject.ForSale) throw DomainException.Conflict("This product is not for sale: a course must be PAID and published, a community joined by paying.");
        if (buyer.HasAccess) throw DomainException.Conflict("You already have this; there is nothing to pay for.");
        if (!buyer.MayBuy) throw new DomainException(ErrorCodes.Forbidden, buyer.Why ?? "You may not buy this.");
        var price = product.CurrentPrice ?? throw DomainException.Conflict("This product has no price.");
        if (priceId is { } asked && asked != price.Id)
            throw product.Prices.Any(p => p.Id == asked) ? DomainException.Conflict("That price is no longer offered.") : DomainException.NotFound("The price");
        var takesSeat = product.SeatLimit is not null;
        if (product.SeatLimit is { } limit && product.SeatsTaken >= limit) throw DomainException.Conflict($"Sold out: all {limit} seats are taken.");
        var coupon = string.IsNullOrWhiteSpace(couponCode) ? null
            : product.Coupons.FirstOrDefault(c => c.Code == couponCode.Trim().ToUpperInvariant()) ?? throw DomainException.NotFound("The coupon");
        if (coupon?.ExpiresAt <= now) throw DomainException.Invalid("This coupon has expired.");
        if (coupon?.MaxRedemptions is { } max && product.Redemptions(coupon.Id) >= max) throw DomainException.Conflict("This coupon has been used up.");
        var discount = Discount(price.Amount, coupon?.PercentOff, coupon?.AmountOff);
        // A coupon made for an earlier, higher price may leave less than can be charged now.
        if (price.Amount - discount < MinimumCharge.Of(price.Currency))
            throw DomainException.Invalid($"{price.Amount - discount} {price.Currency} minor units, after any coupon, is below the least that can be charged ({MinimumCharge.Of(price.Currency)}).");
        return new CheckoutTerms(price, coupon, discount, price.Amount - discount, takesSeat);
    }

    /// <summary>A percentage off rounds half-up like the fee; an amount off leaves at least 1.</summary>
    public static long Discount(long amount, int? percentOff, long? amountOff) => (percentOff, amountOff) switch
    {
        ({ } percent, _) => MoneySplit.Of(amount, percent).PlatformFee,
        (_, { } off) => Math.Min(off, amount - 1),
        _ => 0,
    };

    [GeneratedRegex("^[A-Z0-9_-]{3,32}$")]
    private static partial Regex CouponCode();

    /// <summary>A product id is a course id or a community id; a course is for sale when it is PAID and published, a community when it is joined by paying.</summary>
    public static async Task<ProductSubject> Subject(IQuerySession session, Guid productId, CancellationToken cancellation)
    {
        if (await OutlineCache.Load(session, productId, cancellation) is { } course)
            return new ProductSubject(course.Id, ProductKind.Course, course.CommunityId, course.Title,
                course.Access == Contracts.Courses.CourseAccess.Paid, course.IsPublished && course.Access == Contracts.Courses.CourseAccess.Paid);
        if (await session.Events.AggregateStreamAsync<Community>(productId, token: cancellation) is { } community)
            return new ProductSubject(community.Id, ProductKind.Community, community.Id, community.Name,
                community.JoinPolicy == Contracts.Communities.JoinPolicy.Paid, community.JoinPolicy == Contracts.Communities.JoinPolicy.Paid);
        throw DomainException.NotFound("The product");
    }
}
