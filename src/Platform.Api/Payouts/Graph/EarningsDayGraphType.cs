using GraphQL.Types;
using Platform.Api.Commerce.Graph;

namespace Platform.Api.Payouts.Graph;

public sealed class EarningsDayGraphType : ObjectGraphType<EarningsDay>
{
    public EarningsDayGraphType()
    {
        Name = "EarningsDay";
        Field<NonNullGraphType<StringGraphType>>("day").Description("yyyy-MM-dd, UTC.").Resolve(c => c.Source.Day.ToString("yyyy-MM-dd"));
        Field<NonNullGraphType<MoneyGraphType>>("gross").Resolve(c => c.Source.Gross);
        Field<NonNullGraphType<MoneyGraphType>>("net").Resolve(c => c.Source.Net);
    }
}
