using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Engagement.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Engagement;
using Platform.Projections.Engagement;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Engagement;

public sealed record LevelInfo(int Level, string Name, int MinPoints);

public sealed record MyLevel(
    Guid CommunityId, long Points, int Level, string LevelName, long? PointsToNextLevel, int HighestLevel, IReadOnlyList<Guid> UnlockedCourses,
    IReadOnlyList<LevelInfo> Levels, PointRules Rules, IReadOnlyList<PointEntry> Recent);

/// <summary><c>myLevel(communityId, recent)</c>: the caller's points, level and the reasons behind the latest points.</summary>
public static class MyLevelQuery
{
    public const int DefaultRecent = 10;
    public const int MaxRecent = 50;

    public static void AddMyLevel(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<MyLevelGraphType>>("myLevel")
            .Description("The caller's points and level in the community, and the latest point lines with their reasons.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("recent", $"How many point lines, 0 to {MaxRecent} (default {DefaultRecent}).")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var recent = c.GetArgument<int?>("recent") ?? DefaultRecent;
                if (recent is < 0 or > MaxRecent) throw DomainException.Invalid($"'recent' must be between 0 and {MaxRecent}.");
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await Read(c.Reads(), c.IdArgument("communityId"), c.UserId(), recent, now, c.CancellationToken);
            });

    public static async Task<MyLevel> Read(IQuerySession reads, Guid communityId, Guid userId, int recent, DateTimeOffset now, CancellationToken cancellation)
    {
        var points = (await Standings.Of(reads, communityId, DateTimeOffset.UnixEpoch, cancellation, userId)).SingleOrDefault()?.Points ?? 0;
        var scale = await LevelScale.Of(reads, communityId, now, cancellation);
        var progress = await reads.Events.AggregateStreamAsync<MemberProgress>(EngagementIds.Progress(communityId, userId), token: cancellation);
        var lines = recent == 0 ? [] : await reads.Query<PointEntry>().Where(e => e.CommunityId == communityId && e.UserId == userId)
            .OrderByDescending(e => e.Sequence).Take(recent).ToListAsync(cancellation);
        var level = scale.LevelOf(points);
        return new MyLevel(communityId, points, level.Level, level.Name, Levels.ToNext(points, scale.Rules.LevelThresholds),
            Math.Max(level.Level, progress?.HighestLevel ?? 1), progress?.UnlockedCourses ?? [],
            scale.Rules.LevelThresholds.Select((t, i) => new LevelInfo(i + 1, Levels.NameOf(i + 1, scale.Names), t)).ToList(), scale.Rules, lines);
    }
}
