using GraphQL;
using GraphQL.Types;
using Marten;
using Npgsql;
using Platform.Api.Admin.Graph;
using Platform.Api.Commerce;
using Platform.Api.Commerce.Graph;
using Platform.Api.Engagement;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using Platform.Projections.Identity;
using Platform.Projections.Moderation;

namespace Platform.Api.Admin;

/// <summary>ADMN's figures over a window: what was created (or paid, refunded) since <c>Since</c>; open reports and active users are as of now.</summary>
public sealed record PlatformStats(
    LeaderboardWindow Window, DateTimeOffset Since, int Users, int ActiveUsers7Days, int ActiveUsers30Days, int Communities, int Courses,
    int Enrolments, int Purchases, IReadOnlyList<Money> Gross, int Refunds, int OpenReports);

public static class PlatformStatsQuery
{
    /// <summary>Active: the user did something that was recorded (every event carries its caller's id as user name).</summary>
    private const string ActiveUsersSql =
        "select count(distinct user_name) filter (where timestamp >= @d7), count(distinct user_name) filter (where timestamp >= @d30) " +
        // Only people: events are also recorded by webhooks ("webhook:<event id>") and schedules, which are no users.
        "from platform.mt_events where timestamp >= @d30 and user_name ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

    public static void AddPlatformStats(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<PlatformStatsGraphType>>("platformStats")
            .Description("Platform-wide figures for admins, from the read models: users, active users, communities, courses, enrolments, purchases and gross by currency, refunds, open reports.")
            .Argument<EnumerationGraphType<LeaderboardWindow>>("window", "DAYS_7, DAYS_30 or ALL_TIME (the default).")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var window = c.GetArgument<LeaderboardWindow?>("window") ?? LeaderboardWindow.AllTime;
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await Compute(c.Reads(), c.RequestServices!.GetRequiredService<NpgsqlDataSource>(), window, now, c.CancellationToken);
            });

    public static async Task<PlatformStats> Compute(IQuerySession reads, NpgsqlDataSource database, LeaderboardWindow window, DateTimeOffset now,
        CancellationToken cancellation)
    {
        var since = Standings.Since(window, now);
        var paid = await reads.Query<PurchaseView>().Where(p => p.PaidAt != null && p.PaidAt >= since)
            .Select(p => new { p.Gross, p.Currency }).ToListAsync(cancellation);
        var refunds = (await reads.Query<PurchaseView>().Where(p => p.Refunds.Any()).Select(p => p.Refunds).ToListAsync(cancellation))
            .SelectMany(r => r).Count(r => r.Status == RefundStatus.Succeeded && r.At >= since);
        await using var active = database.CreateCommand(ActiveUsersSql);
        active.Parameters.AddWithValue("d7", now.AddDays(-7));
        active.Parameters.AddWithValue("d30", now.AddDays(-30));
        await using var row = await active.ExecuteReaderAsync(cancellation);
        await row.ReadAsync(cancellation);
        var (active7, active30) = ((int)row.GetInt64(0), (int)row.GetInt64(1));
        return new PlatformStats(window, since,
            await reads.Query<UserAccount>().CountAsync(u => u.RegisteredAt >= since, cancellation),
            active7, active30,
            await reads.Query<CommunityCard>().CountAsync(x => x.CreatedAt >= since, cancellation),
            await reads.Query<CourseOutline>().CountAsync(x => x.CreatedAt >= since, cancellation),
            await reads.Query<EnrolmentView>().CountAsync(x => x.EnrolledAt >= since, cancellation),
            paid.Count,
            [.. paid.GroupBy(p => p.Currency).OrderBy(g => g.Key).Select(g => new Money(g.Sum(p => p.Gross), g.Key))],
            refunds,
            await reads.Query<ModerationCaseView>().Where(x => x.OpenReports > 0).SumAsync(x => x.OpenReports, cancellation));
    }
}
