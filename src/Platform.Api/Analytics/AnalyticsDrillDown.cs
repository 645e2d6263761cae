using GraphQL;
using GraphQL.Types;
using Platform.Api.Analytics.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;

namespace Platform.Api.Analytics;

/// <summary>
/// <c>analyticsDrillDown(communityId, figure, key, input, asOf)</c>: the purchases, subscriptions, enrolments or memberships behind one
/// figure of <c>creatorAnalytics</c> (over the same window), each with what it adds. The sum of the answer is the figure.
/// </summary>
public static class AnalyticsDrillDownQuery
{
    public const int MaxKeyLength = 80;
    public const int MaxRows = 1000;

    public static void AddAnalyticsDrillDown(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AnalyticsSourceGraphType>>>>("analyticsDrillDown")
            .Description($"What one figure counts: a day, month, course (or course/SOURCE) or week key narrows it to a row. At most {MaxRows} rows, oldest first.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<EnumerationGraphType<Figure>>>("figure")
            .Argument<StringGraphType>("key")
            .Argument<AnalyticsInputGraphType>("input")
            .Argument<DateTimeOffsetGraphType>("asOf")
            .AllowCreatorOrFinance()
            .ResolveAsync(async c =>
            {
                var key = c.GetArgument<string?>("key")?.Trim();
                if (key?.Length > MaxKeyLength) throw DomainException.Invalid($"A key is at most {MaxKeyLength} characters.");
                var (facts, window) = await AnalyticsReads.Load(c, c.IdArgument("communityId"), c.CancellationToken);
                return AnalyticsFigures.Behind(facts, window, c.GetArgument<Figure>("figure"), key).Take(MaxRows).ToList();
            });
}
