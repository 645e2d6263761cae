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
using Platform.Projections.Admin;
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

    /// <summary>
    /// Every figure in one statement (the dashboard's admin section asks on every load): counts over the read models' documents, with the
    /// comparisons Marten's own queries make. Active: the user's last recorded activity (<see cref="UserActivity"/>) is in the period.
    /// </summary>
    public static async Task<PlatformStats> Compute(IQuerySession reads, NpgsqlDataSource database, LeaderboardWindow window, DateTimeOffset now,
        CancellationToken cancellation)
    {
        var since = Standings.Since(window, now);
        string Table<T>() => reads.DocumentStore.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;
        await using var command = database.CreateCommand($"""
            with paid as (
                select d.data ->> 'Currency' as currency, sum((d.data ->> 'Gross')::bigint) as gross, count(*) as purchases
                from {Table<PurchaseView>()} d where (d.data ->> 'PaidAt')::timestamptz >= @since group by 1)
            select
                (select count(*) from {Table<UserAccount>()} d where (d.data ->> 'RegisteredAt')::timestamptz >= @since),
                (select count(*) from {Table<UserActivity>()} where last_active_at >= @d7),
                (select count(*) from {Table<UserActivity>()} where last_active_at >= @d30),
                (select count(*) from {Table<CommunityCard>()} d where (d.data ->> 'CreatedAt')::timestamptz >= @since),
                (select count(*) from {Table<CourseOutline>()} d where (d.data ->> 'CreatedAt')::timestamptz >= @since),
                (select count(*) from {Table<EnrolmentView>()} d where (d.data ->> 'EnrolledAt')::timestamptz >= @since),
                (select coalesce(sum(purchases), 0) from paid),
                (select coalesce(array_agg(currency order by currency), array[]::text[]) from paid),
                (select coalesce(array_agg(gross order by currency), array[]::numeric[]) from paid),
                (select count(*) from {Table<PurchaseView>()} d, jsonb_array_elements(d.data -> 'Refunds') r
                 where r ->> 'Status' = '{RefundStatus.Succeeded}' and (r ->> 'At')::timestamptz >= @since),
                (select coalesce(sum((d.data ->> 'OpenReports')::int), 0) from {Table<ModerationCaseView>()} d where (d.data ->> 'OpenReports')::int > 0)
            """);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("d7", now.AddDays(-7));
        command.Parameters.AddWithValue("d30", now.AddDays(-30));
        await using var row = await command.ExecuteReaderAsync(cancellation);
        await row.ReadAsync(cancellation);
        int Count(int column) => (int)row.GetInt64(column);
        var currencies = row.GetFieldValue<string[]>(7);
        var gross = row.GetFieldValue<decimal[]>(8);
        return new PlatformStats(window, since, Count(0), Count(1), Count(2), Count(3), Count(4), Count(5), (int)row.GetDecimal(6),
            [.. currencies.Select((currency, i) => new Money((long)gross[i], currency))], Count(9), Count(10));
    }
}
