using GraphQL.Types;
using Wolverine.Marten;

namespace Platform.Api.Engagement;

/// <summary>
/// Engagement (LEAD): points as a ledger with reasons (<c>PointLedgerProjection</c>, inline, registered with the other read
/// models), levels, leaderboards, LEVEL course unlocks and rescoring by replay.
/// </summary>
public static class EngagementConfiguration
{
    public static WebApplicationBuilder AddEngagement(this WebApplicationBuilder builder)
    {
        builder.Services.PublishEventsToWolverine("engagement-levels", CheckLevelHandler.Relay);
        builder.Services.AddScoped<MemberLevels>();
        return builder;
    }

    public static void AddEngagementQueries(this ObjectGraphType query)
    {
        query.AddMyLevel();
        query.AddLeaderboard();
        query.AddPreviewPointRules();
        query.AddPointsGrantedBy();
    }

    public static void AddEngagementMutations(this ObjectGraphType mutation)
    {
        mutation.AddSetPointRules();
        mutation.AddRevokePointsFrom();
    }
}
