using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Communities.Graph;
using Platform.Projections.Communities;
using Platform.Api.Analytics;
using Platform.Api.Analytics.Graph;

namespace Platform.Api.Identity.Graph;

public sealed class CommunitiesSectionGraphType : ObjectGraphType<CommunitiesSection>
{
    public CommunitiesSectionGraphType()
    {
        Name = "CommunitiesSection";
        Description = "The communities in which the caller holds the section's role.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunityGraphType>>>>("communities").Resolve(c => c.Source.Communities);
        Field<NonNullGraphType<IntGraphType>>("pendingJoinRequests").Description("Join requests waiting for approval in these communities.")
            .Resolve(c => c.Source.PendingJoinRequests);
        Field<ListGraphType<NonNullGraphType<CommunityFiguresGraphType>>>("figures")
            .Description("Creator section only: today's and this month's revenue, MRR and new members per community and currency.")
            .Resolve(c => c.Source.Figures);
        Field<NonNullGraphType<IntGraphType>>("openReports").Description("Reports waiting for a moderator's decision in these communities.")
            .Resolve(c => c.Source.OpenReports);
        Field<ListGraphType<NonNullGraphType<Payouts.Graph.EarningsGraphType>>>("payoutBalance")
            .Description("Creator section only: the caller's balances per currency earned in (available, pending, in transit), as earnings counts them.")
            .Resolve(c => c.Source.PayoutBalance);
    }
}
