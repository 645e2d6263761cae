using GraphQL.Types;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class CouponGraphType : ObjectGraphType<CouponView>
{
    public CouponGraphType()
    {
        Name = "Coupon";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(c => c.Code);
        Field(c => c.PercentOff, nullable: true);
        Field<LongGraphType>("amountOff").Description("In the minor unit of the product's price.").Resolve(c => c.Source.AmountOff);
        Field(c => c.ExpiresAt, nullable: true);
        Field(c => c.MaxRedemptions, nullable: true);
    }
}
