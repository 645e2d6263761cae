using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Communities.Graph;
using Platform.Projections.Communities;

namespace Platform.Api.Identity.Graph;

public sealed class AdminSectionGraphType : ObjectGraphType<Caller>
{
    public AdminSectionGraphType()
    {
        Name = "AdminSection";
        Field<NonNullGraphType<IntGraphType>>("userCount").DeprecationReason("Use platformStats.users.")
            .ResolveAsync(async c => await c.Reads().Query<UserAccount>().CountAsync(c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("communityCount").DeprecationReason("Use platformStats.communities.")
            .ResolveAsync(async c => await c.Reads().Query<CommunityCard>().CountAsync(c.CancellationToken));
        Field<NonNullGraphType<Admin.Graph.PlatformStatsGraphType>>("platformStats").Description("The admin console's platform figures (as the platformStats query).")
            .Argument<EnumerationGraphType<Engagement.LeaderboardWindow>>("window", "DAYS_7, DAYS_30 or ALL_TIME (the default).")
            .ResolveAsync(async c => await Admin.PlatformStatsQuery.Compute(c.Reads(),
                c.GetArgument<Engagement.LeaderboardWindow?>("window") ?? Engagement.LeaderboardWindow.AllTime,
                c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), c.CancellationToken));
    }
}
