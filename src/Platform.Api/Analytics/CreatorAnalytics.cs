using GraphQL.Types;
using Platform.Api.Analytics.Graph;
using Platform.Api.GraphQL.Schema;

namespace Platform.Api.Analytics;

/// <summary>
/// <c>creatorAnalytics(communityId, input{from, to, currency}, asOf)</c> (ANLY, CDSH): revenue, MRR and its movements, subscribers,
/// churn, trials, learning and member growth, all replayed from the analytics projections by <see cref="AnalyticsFigures"/>.
/// </summary>
public static class CreatorAnalyticsQuery
{
    public static void AddCreatorAnalytics(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<CreatorAnalyticsGraphType>>("creatorAnalytics")
            .Description("A community's figures over a window (default the last 30 days, at most 366); asOf answers as they stood at that moment.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<AnalyticsInputGraphType>("input")
            .Argument<DateTimeOffsetGraphType>("asOf", "Count only what had happened by this moment.")
            .AllowCreatorOrFinance()
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                var (facts, window) = await AnalyticsReads.Load(c, communityId, c.CancellationToken);
                return AnalyticsFigures.Report(communityId, facts, window);
            });
}
