using Marten;
using Marten.Services.BatchQuerying;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;
using Platform.Projections.Engagement;
using Platform.Projections.Identity;

namespace Platform.Api.Engagement;

/// <summary>A member's standing points in a window, and when the last of them came (earlier breaks a tie).</summary>
public sealed record Standing(Guid UserId, long Points, DateTimeOffset LastAt);

public sealed record RankedStanding(int Rank, Guid UserId, long Points);

public enum LeaderboardWindow { Days7, Days30, AllTime }

/// <summary>Points summed from the ledger's standing lines: never a stored running total.</summary>
public static class Standings
{
    public static DateTimeOffset Since(LeaderboardWindow window, DateTimeOffset now) => window switch
    {
        LeaderboardWindow.Days7 => now.AddDays(-7),
        LeaderboardWindow.Days30 => now.AddDays(-30),
        _ => DateTimeOffset.UnixEpoch,
    };

    /// <summary>Each member's standing points in the community since a moment, one row per member (one grouped scan of the ledger).</summary>
    public static async Task<IReadOnlyList<Standing>> Of(IQuerySession reads, Guid communityId, DateTimeOffset since, CancellationToken cancellation,
        Guid? userId = null) =>
        await reads.QueryAsync<Standing>(Sql(reads), cancellation, Parameters(communityId, since, userId));

    /// <summary>One member's all-time standing, as part of a batch of reads.</summary>
    public static Task<IReadOnlyList<Standing>> Of(IBatchedQuery batch, IQuerySession reads, Guid communityId, Guid userId) =>
        batch.Query<Standing>(Sql(reads), Parameters(communityId, DateTimeOffset.UnixEpoch, userId));

    private static string Sql(IQuerySession reads) =>
        $"""
         select json_build_object('UserId', user_id, 'Points', sum(points), 'LastAt', max(at)) from {reads.DocumentStore.Options.FindOrResolveDocumentType(typeof(PointEntry)).TableName.QualifiedName}
         where community_id = ? and at >= ? and data->>'WithdrawnAt' is null and (user_id = ? or ?)
         group by user_id
         """;

    private static object[] Parameters(Guid communityId, DateTimeOffset since, Guid? userId) => [communityId, since, userId ?? Guid.Empty, userId is null];

    /// <summary>The same sums over a ledger in memory (a replay).</summary>
    public static IReadOnlyList<Standing> Of(IEnumerable<PointEntry> ledger) =>
        ledger.Where(e => e.WithdrawnAt is null).GroupBy(e => e.UserId)
            .Select(g => new Standing(g.Key, g.Sum(e => (long)e.Points), g.Max(e => e.At))).ToList();

    /// <summary>Pure: most points first; a tie goes to who got there first, then to the lower user id, so ranks never flicker.</summary>
    public static IReadOnlyList<RankedStanding> Rank(IEnumerable<Standing> standings, IReadOnlySet<Guid> excluded) =>
        standings.Where(s => s.Points > 0 && !excluded.Contains(s.UserId))
            .OrderByDescending(s => s.Points).ThenBy(s => s.LastAt).ThenBy(s => s.UserId)
            .Select((s, i) => new RankedStanding(i + 1, s.UserId, s.Points)).ToList();

    /// <summary>
    /// Who stays off the community's boards (as Skool does): its creator and moderators, platform admins and finance staff,
    /// and anyone who is not an active member any more.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> ExcludedAmong(IQuerySession reads, Guid communityId, IEnumerable<Guid> userIds, CancellationToken cancellation)
    {
        var ids = userIds.Distinct().ToArray();
        var staff = (await reads.LoadManyAsync<UserAccount>(cancellation, ids)).Where(a => EngagementAccess.IsStaff(a, communityId)).Select(a => a.Id);
        var memberships = await reads.LoadManyAsync<MembershipView>(cancellation, ids.Select(u => DeterministicId.Membership(communityId, u)).ToArray());
        var active = memberships.Where(m => m.Status == MembershipStatus.Active).Select(m => m.UserId).ToHashSet();
        return ids.Where(u => !active.Contains(u)).Concat(staff).ToHashSet();
    }
}
