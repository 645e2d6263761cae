using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Engagement.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Engagement;

/// <summary><c>Rank</c> is null for someone who is not ranked (staff, or not an active member).</summary>
public sealed record LeaderboardEntry(int? Rank, Guid UserId, long Points, int Level, string LevelName);

public sealed record Leaderboard(Guid CommunityId, LeaderboardWindow Window, IReadOnlyList<LeaderboardEntry> Entries, LeaderboardEntry Me);

/// <summary><c>leaderboard(communityId, window, first)</c>: points earned in the last 7 or 30 days, or ever, ranked.</summary>
public static class LeaderboardQuery
{
    public const int DefaultFirst = 10;

    public static void AddLeaderboard(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<LeaderboardGraphType>>("leaderboard")
            .Description("Members ranked by points earned in the window (the community's creator, moderators, admins and finance staff are not ranked), " +
                         "each with their level, and the caller's own place.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<EnumerationGraphType<LeaderboardWindow>>>("window")
            .Argument<IntGraphType>("first", $"1 to {Cursor.MaxPageSize} (default {DefaultFirst}).")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var first = Cursor.PageSize(c.GetArgument<int?>("first") ?? DefaultFirst);
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await Read(c.Reads(), c.IdArgument("communityId"), c.GetArgument<LeaderboardWindow>("window"), first, c.UserId(), now, c.CancellationToken);
            });

    public static async Task<Leaderboard> Read(IQuerySession reads, Guid communityId, LeaderboardWindow window, int first, Guid caller, DateTimeOffset now,
        CancellationToken cancellation)
    {
        var inWindow = await Standings.Of(reads, communityId, Standings.Since(window, now), cancellation);
        var excluded = await Standings.ExcludedAmong(reads, communityId, [.. inWindow.Select(s => s.UserId), caller], cancellation);
        var ranked = Standings.Rank(inWindow, excluded);
        var shown = ranked.Take(first).ToList();
        var allTime = (window == LeaderboardWindow.AllTime ? inWindow : await Standings.Of(reads, communityId, DateTimeOffset.UnixEpoch, cancellation))
            .ToDictionary(s => s.UserId, s => s.Points);
        var scale = await LevelScale.Of(reads, communityId, now, cancellation);

        LeaderboardEntry Entry(int? rank, Guid userId, long points)
        {
            var level = scale.LevelOf(allTime.GetValueOrDefault(userId));
            return new LeaderboardEntry(rank, userId, points, level.Level, level.Name);
        }

        // Outside the ranked: after everyone with points, or unranked for staff.
        var me = ranked.FirstOrDefault(r => r.UserId == caller) is { } mine ? Entry(mine.Rank, caller, mine.Points)
            : Entry(excluded.Contains(caller) ? null : ranked.Count + 1, caller, inWindow.FirstOrDefault(s => s.UserId == caller)?.Points ?? 0);
        return new Leaderboard(communityId, window, shown.Select(r => Entry(r.Rank, r.UserId, r.Points)).ToList(), me);
    }
}
