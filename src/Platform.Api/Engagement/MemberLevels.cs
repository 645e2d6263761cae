using Marten;
using Platform.Contracts.Engagement;
using Platform.Projections.Communities;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement;

public sealed record MemberLevel(int Level, string Name);

/// <summary>A community's level scale now: thresholds from the rules in force, names from <c>setLevelNames</c>.</summary>
public sealed record LevelScale(PointRules Rules, IReadOnlyList<string> Names)
{
    public static async Task<LevelScale> Of(IQuerySession reads, Guid communityId, DateTimeOffset now, CancellationToken cancellation) => new(
        (await reads.LoadAsync<PointRulesView>(EngagementIds.Rules(communityId), cancellation))?.InEffectAt(now) ?? PointRules.Default,
        (await reads.LoadAsync<CommunityCard>(communityId, cancellation))?.LevelNames ?? []);

    public MemberLevel LevelOf(long points)
    {
        var level = Levels.Of(points, Rules.LevelThresholds);
        return new MemberLevel(level, Levels.NameOf(level, Names));
    }
}

/// <summary>
/// Levels shown beside members' names (member directory, posts, comments) for one request: each community's standings are
/// summed once, however many names the page shows (no N+1).
/// </summary>
public sealed class MemberLevels(IQuerySession reads, TimeProvider clock)
{
    private readonly Dictionary<Guid, (Dictionary<Guid, long> Points, LevelScale Scale)> byCommunity = [];

    public async Task<MemberLevel> Of(Guid communityId, Guid userId, CancellationToken cancellation)
    {
        if (!byCommunity.TryGetValue(communityId, out var community))
            byCommunity[communityId] = community = (
                (await Standings.Of(reads, communityId, DateTimeOffset.UnixEpoch, cancellation)).ToDictionary(s => s.UserId, s => s.Points),
                await LevelScale.Of(reads, communityId, clock.GetUtcNow(), cancellation));
        return community.Scale.LevelOf(community.Points.GetValueOrDefault(userId));
    }
}
