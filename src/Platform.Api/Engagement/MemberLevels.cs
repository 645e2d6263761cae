using Marten;
using Platform.Contracts.Engagement;
using Platform.Projections.Communities;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement;

public sealed record MemberLevel(int Level, string Name);

/// <summary>
/// Levels shown beside members' names (member directory, posts, comments) for one request: each community's standings are
/// summed once, however many names the page shows (no N+1).
/// </summary>
public sealed class MemberLevels(IQuerySession reads, TimeProvider clock)
{
    private readonly Dictionary<Guid, Func<Guid, MemberLevel>> byCommunity = [];

    public async Task<MemberLevel> Of(Guid communityId, Guid userId, CancellationToken cancellation)
    {
        if (!byCommunity.TryGetValue(communityId, out var levelOf))
        {
            var points = (await Standings.Of(reads, communityId, DateTimeOffset.UnixEpoch, cancellation)).ToDictionary(s => s.UserId, s => s.Points);
            var rules = (await reads.LoadAsync<PointRulesView>(EngagementIds.Rules(communityId), cancellation))?.InEffectAt(clock.GetUtcNow()) ?? PointRules.Default;
            var names = (await reads.LoadAsync<CommunityCard>(communityId, cancellation))?.LevelNames ?? [];
            byCommunity[communityId] = levelOf = user =>
            {
                var level = Levels.Of(points.GetValueOrDefault(user), rules.LevelThresholds);
                return new MemberLevel(level, Levels.NameOf(level, names));
            };
        }
        return levelOf(userId);
    }
}
