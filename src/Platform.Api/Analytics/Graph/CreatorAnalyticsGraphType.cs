using Platform.Api.Commerce.Graph;
using GraphQL.Types;
using Platform.Api.Commerce;

namespace Platform.Api.Analytics.Graph;

public sealed class CreatorAnalyticsGraphType : ObjectGraphType<CreatorAnalyticsReport>
{
    public CreatorAnalyticsGraphType()
    {
        Name = "CreatorAnalytics";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(r => r.From).Description("Start of the window counted.");
        Field(r => r.To).Description("End of the window counted (exclusive): 'to', or 'asOf' when earlier.");
        Field(r => r.Currency);
        Field<NonNullGraphType<MoneyGraphType>>("mrr").Description("Monthly recurring revenue at the end of the window.").Resolve(c => c.Source.Mrr);
        Field(r => r.ActiveSubscribers).Description("Subscribers paying at the end of the window.");
        Field(r => r.ChurnRate, nullable: true).Description("Of the subscribers paying at the start, the share paying nothing at the end (0..1).");
        Field(r => r.TrialsEnded).Description("Free trials that ended in the window.");
        Field(r => r.TrialsConverted).Description("Of those, the ones that began paying.");
        Field(r => r.TrialConversion, nullable: true).Description("trialsConverted / trialsEnded (0..1).");
        Field<NonNullGraphType<MoneyGraphType>>("arpu").Description("MRR per active subscriber, rounded half up.").Resolve(c => c.Source.Arpu);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RevenueDayGraphType>>>>("revenueByDay").Resolve(c => c.Source.RevenueByDay);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MrrMonthGraphType>>>>("mrrByMonth").Resolve(c => c.Source.MrrByMonth);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnrolmentCountGraphType>>>>("enrolments").Resolve(c => c.Source.Enrolments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CourseFunnelGraphType>>>>("completionFunnel").Resolve(c => c.Source.Funnels);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberWeekGraphType>>>>("memberGrowth").Resolve(c => c.Source.MemberGrowth);
    }
}
