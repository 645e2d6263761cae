using Platform.Api.Commerce.Graph;
using GraphQL.Types;
using Platform.Api.Commerce;

namespace Platform.Api.Analytics.Graph;

public sealed class RevenueDayGraphType : ObjectGraphType<RevenueDay>
{
    public RevenueDayGraphType()
    {
        Name = "RevenueDay";
        Field(d => d.Day).Description("The UTC day, yyyy-MM-dd (the drill-down key).");
        Field<NonNullGraphType<MoneyGraphType>>("gross").Resolve(c => c.Source.Gross);
        Field<NonNullGraphType<MoneyGraphType>>("fees").Description("Platform fee of the day's sales.").Resolve(c => c.Source.Fees);
        Field<NonNullGraphType<MoneyGraphType>>("net").Description("Creator share of the day's sales less the share refunds and lost disputes took back.").Resolve(c => c.Source.Net);
        Field<NonNullGraphType<MoneyGraphType>>("refunds").Resolve(c => c.Source.Refunds);
        Field<NonNullGraphType<MoneyGraphType>>("disputes").Description("Amounts lost in disputes closed that day.").Resolve(c => c.Source.Disputes);
    }
}
