using Platform.Api.Commerce.Graph;
using GraphQL.Types;
using Platform.Api.Commerce;

namespace Platform.Api.Analytics.Graph;

public sealed class MrrMonthGraphType : ObjectGraphType<MrrMonth>
{
    public MrrMonthGraphType()
    {
        Name = "MrrMonth";
        Field(m => m.Month).Description("The calendar month, yyyy-MM (the drill-down key).");
        Field<NonNullGraphType<MoneyGraphType>>("mrr").Description("MRR at the month's close (or the window's end).").Resolve(c => c.Source.Mrr);
        Field<NonNullGraphType<MoneyGraphType>>("new").Resolve(c => c.Source.New);
        Field<NonNullGraphType<MoneyGraphType>>("expansion").Resolve(c => c.Source.Expansion);
        Field<NonNullGraphType<MoneyGraphType>>("contraction").Resolve(c => c.Source.Contraction);
        Field<NonNullGraphType<MoneyGraphType>>("churned").Resolve(c => c.Source.Churned);
        Field<NonNullGraphType<MoneyGraphType>>("reactivated").Resolve(c => c.Source.Reactivated);
    }
}
