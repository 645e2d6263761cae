using Platform.Api.Commerce.Graph;
using GraphQL.Types;
using Platform.Api.Commerce;

namespace Platform.Api.Analytics.Graph;

public sealed class CommunityFiguresGraphType : ObjectGraphType<CommunityFigures>
{
    public CommunityFiguresGraphType()
    {
        Name = "CommunityFigures";
        Description = "A community at a glance in one currency; creatorAnalytics has the detail.";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(f => f.Currency);
        Field<NonNullGraphType<MoneyGraphType>>("revenueToday").Description("Gross of today's sales (UTC).").Resolve(c => c.Source.RevenueToday);
        Field<NonNullGraphType<MoneyGraphType>>("revenueThisMonth").Description("Gross of this calendar month's sales so far.").Resolve(c => c.Source.RevenueThisMonth);
        Field<NonNullGraphType<MoneyGraphType>>("mrr").Resolve(c => c.Source.Mrr);
        Field(f => f.NewMembersThisMonth);
    }
}
