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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notShownYet")
            .Description("What this section will show once the module behind it exists.").Resolve(_ => new[] { DashboardFigures.ReportsNotBuilt });
    }
}
