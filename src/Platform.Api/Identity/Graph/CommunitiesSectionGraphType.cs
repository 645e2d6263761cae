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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunityGraphType>>>>("communities")
            .ResolveAsync(async c => await c.Reads().LoadManyAsync<CommunityCard>(c.CancellationToken, c.Source.CommunityIds));
        Field<NonNullGraphType<IntGraphType>>("pendingJoinRequests").Description("Join requests waiting for approval in these communities.")
            .ResolveAsync(async c => await DashboardFigures.PendingJoinRequests(c.Reads(), c.Source.CommunityIds, c.CancellationToken));
        Field<ListGraphType<NonNullGraphType<CommunityFiguresGraphType>>>("figures")
            .Description("Creator section only: today's and this month's revenue, MRR and new members per community and currency.")
            .ResolveAsync(async c => c.Source.Role != Role.Creator ? null
                : await DashboardFigures.ForCreator(c.Reads(), c.Source.CommunityIds, c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("openReports").Description("Reports waiting for a moderator's decision in these communities.")
            .ResolveAsync(async c => await Moderation.ModerationReads.OpenReportCount(c.Reads(), c.Source.CommunityIds, c.CancellationToken));
        Field<ListGraphType<NonNullGraphType<Payouts.Graph.EarningsGraphType>>>("payoutBalance")
            .Description("Creator section only: the caller's balances per currency earned in (available, pending, in transit), as earnings counts them.")
            .ResolveAsync(async c => c.Source.Role != Role.Creator ? null
                : await DashboardFigures.PayoutBalance(c.Reads(), c.Source.UserId, c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(),
                    c.RequestServices!.GetRequiredService<Payouts.PayoutOptions>().HoldPeriod, c.CancellationToken));
    }
}
