using GraphQL.Types;

namespace Platform.Api.Commerce.Graph;

public sealed record Money(long Amount, string Currency);

public sealed class MoneyGraphType : ObjectGraphType<Money>
{
    public MoneyGraphType()
    {
        Name = "Money";
        Description = "An amount in the currency's minor unit (cents; yen for JPY), and the currency in lower-case ISO 4217.";
        Field<NonNullGraphType<LongGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field(m => m.Currency);
    }
}
