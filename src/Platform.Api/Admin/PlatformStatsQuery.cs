using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Admin.Graph;
using Platform.Api.Commerce;
using Platform.Api.Commerce.Graph;
using Platform.Api.Engagement;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Projections.Admin;
using Platform.Projections.Moderation;

namespace Platform.Api.Admin;

/// <summary>ADMN's figures over a window: what was created (or paid, refunded) since <c>Since</c>; open reports and active users are as of now.</summary>
public sealed record PlatformStats(
    LeaderboardWindow Window, DateTimeOffset Since, int Users, int ActiveUsers7Days, int ActiveUsers30Days, int Communities, int Courses,
    int Enrolments, int Purchases, IReadOnlyList<Money> Gross, int Refunds, int OpenReports);

public static class PlatformStatsQuery
{
    public static void AddPlatformStats(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<PlatformStatsGraphType>>("platformStats")
            .Description("Platform-wide figures for admins, from the read models: users, active users, communities, courses, enrolments, purchases and gross by currency, refunds, open reports. A 7- or 30-day window starts at the top of the hour it reaches back to (see since).")
            .Argument<EnumerationGraphType<LeaderboardWindow>>("window", "DAYS_7, DAYS_30 or ALL_TIME (the default).")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var window = c.GetArgument<LeaderboardWindow?>("window") ?? LeaderboardWindow.AllTime;
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await Compute(c.Reads(), window, now, c.CancellationToken);
            });

    /// <summary>
    /// Every figure in one round trip (the dashboard's admin section asks on every load). What was created, paid and refunded comes from
    /// <see cref="PlatformFigures"/>: all time is one document, a window the sum of its hours (so a window starts at the top of the hour
    /// <c>Since</c> names). Active: the user's last recorded activity (<see cref="UserActivity"/>) is in the period.
    /// </summary>
    public static async Task<PlatformStats> Compute(IQuerySession reads, LeaderboardWindow window, DateTimeOffset now, CancellationToken cancellation)
    {
        var since = window == LeaderboardWindow.AllTime ? Standings.Since(window, now) : PlatformFiguresProjection.HourOf(Standings.Since(window, now));
        var batch = reads.CreateBatchQuery();
        var figures = window == LeaderboardWindow.AllTime
            ? batch.Query<PlatformFigures>().Where(f => f.Id == PlatformFiguresProjection.AllTime).ToList()
            : batch.Query<PlatformFigures>().Where(f => f.Hour >= since).ToList();
        var (d7, d30) = (now.AddDays(-7), now.AddDays(-30));
        var active7 = batch.Query<UserActivity>().Where(a => a.LastActiveAt >= d7).Count();
        var active30 = batch.Query<UserActivity>().Where(a => a.LastActiveAt >= d30).Count();
        var reports = batch.Query<ModerationCaseView>().Where(c => c.OpenReports > 0).Select(c => c.OpenReports).ToList();
        await batch.Execute(cancellation);
        var sum = PlatformFigures.Sum(window.ToString(), await figures);
        return new PlatformStats(window, since, sum.Users, (int)await active7, (int)await active30, sum.Communities, sum.Courses, sum.Enrolments,
            sum.Purchases, [.. sum.Gross.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Money(g.Value, g.Key))], sum.Refunds,
            (await reports).Sum());
    }
}
