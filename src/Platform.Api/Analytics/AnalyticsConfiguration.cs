using GraphQL.Types;

namespace Platform.Api.Analytics;

/// <summary>
/// Analytics (ANLY, CDSH) and fee policies: the module's table of contents. Its read models (facts replayed from Commerce, Courses and
/// Communities events, and the fee policy) are registered with the other projections.
/// </summary>
public static class AnalyticsConfiguration
{
    public static void AddAnalyticsQueries(this ObjectGraphType query)
    {
        query.AddCreatorAnalytics();
        query.AddAnalyticsDrillDown();
        query.AddPreviewFeePolicy();
    }

    public static void AddAnalyticsMutations(this ObjectGraphType mutation) => mutation.AddSetFeePolicy();

    /// <summary>The CSV export of each table, over HTTP with the caller's bearer token.</summary>
    public static WebApplication MapAnalytics(this WebApplication app)
    {
        ExportAnalytics.Map(app);
        return app;
    }
}
