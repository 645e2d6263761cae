using GraphQL.Types;

namespace Platform.Api.Commerce.Graph;

public sealed record RefundPurchaseInput(long? Amount, string Reason);

public sealed class RefundPurchaseInputGraphType : InputObjectGraphType<RefundPurchaseInput>
{
    public RefundPurchaseInputGraphType()
    {
        Name = "RefundPurchaseInput";
        Field<LongGraphType>("amount").Description("In the purchase currency's minor unit; omitted means all that is left.");
        Field<NonNullGraphType<StringGraphType>>("reason");
    }
}
