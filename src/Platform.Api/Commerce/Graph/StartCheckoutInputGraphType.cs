using GraphQL.Types;

namespace Platform.Api.Commerce.Graph;

/// <summary>Ids stay text here: one that is not a GUID is answered NOT_FOUND naming the field, as an unknown one is.</summary>
public sealed record StartCheckoutInput(string ProductId, string? PriceId, string? CouponCode);

public sealed class StartCheckoutInputGraphType : InputObjectGraphType<StartCheckoutInput>
{
    public StartCheckoutInputGraphType()
    {
        Name = "StartCheckoutInput";
        Field<NonNullGraphType<IdGraphType>>("productId");
        Field<IdGraphType>("priceId").Description("The price the buyer saw; refused if it is no longer offered.");
        Field<StringGraphType>("couponCode");
    }
}
