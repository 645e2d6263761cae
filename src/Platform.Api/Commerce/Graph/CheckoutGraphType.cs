using GraphQL.Types;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class CheckoutGraphType : ObjectGraphType<PurchaseView>
{
    public CheckoutGraphType()
    {
        Name = "Checkout";
        Field<NonNullGraphType<IdGraphType>>("checkoutId").Description("Also the purchase's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.CheckoutUrl);
        Field<NonNullGraphType<EnumerationGraphType<PurchaseStatus>>>("status").Resolve(c => c.Source.Status);
        Field(p => p.ExpiresAt, nullable: true);
        Field<NonNullGraphType<PurchaseGraphType>>("purchase").Resolve(c => c.Source);
    }
}
