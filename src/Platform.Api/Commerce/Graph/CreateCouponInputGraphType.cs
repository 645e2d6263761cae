using GraphQL.Types;

namespace Platform.Api.Commerce.Graph;

public sealed record CreateCouponInput(string Code, int? PercentOff, long? AmountOff, DateTimeOffset? ExpiresAt, int? MaxRedemptions);

public sealed class CreateCouponInputGraphType : InputObjectGraphType<CreateCouponInput>
{
    public CreateCouponInputGraphType()
    {
        Name = "CreateCouponInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<IntGraphType>("percentOff");
        Field<LongGraphType>("amountOff").Description("In the minor unit of the product's price.");
        Field<DateTimeOffsetGraphType>("expiresAt");
        Field<IntGraphType>("maxRedemptions");
    }
}
