using GraphQL.Types;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class PriceGraphType : ObjectGraphType<PriceView>
{
    public PriceGraphType()
    {
        Name = "Price";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<EnumerationGraphType<PriceInterval>>>("interval").Resolve(c => c.Source.Interval);
        Field(p => p.TrialDays);
        Field(p => p.SetAt);
    }
}
