using Platform.Api.Communities;
using GraphQL.Types;
using Marten;
using Platform.Api.Engagement.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Engagement;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement;

public sealed record PreviewMember(Guid UserId, long PointsBefore, long PointsAfter, int LevelBefore, int LevelAfter, int? RankBefore, int? RankAfter);

public sealed record RulesPreview(Guid CommunityId, PointRules Current, PointRules Proposed, IReadOnlyList<PreviewMember> Members);

/// <summary>
/// <c>previewPointRules(communityId, input)</c>: replays the community's history under the proposed rules, in memory, through
/// the same path <c>setPointRules</c> takes, and compares with the points members hold now. Nothing is written.
/// </summary>
public static class PreviewPointRulesQuery
{
    public static void AddPreviewPointRules(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<RulesPreviewGraphType>>("previewPointRules")
            .Description("How points, levels and all-time ranks would change under the proposed rules; changes nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<PointRulesInputGraphType>>("input")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var now = c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                return await Preview(c.Reads(), SetPointRules.From(c), now, c.CancellationToken);
            });

    public static async Task<RulesPreview> Preview(IQuerySession reads, SetPointRules command, DateTimeOffset now, CancellationToken cancellation)
    {
        var current = await reads.LoadAsync<PointRulesView>(EngagementIds.Rules(command.CommunityId), cancellation);
        var proposed = PointRulesView.With(current, command.Decide(current, now));
        var before = await Standings.Of(reads, command.CommunityId, DateTimeOffset.UnixEpoch, cancellation);
        var after = Standings.Of(await CommunityHistory.Replay(reads, command.CommunityId, proposed, cancellation));
        var people = before.Select(s => s.UserId).Union(after.Select(s => s.UserId)).ToList();
        var excluded = await Standings.ExcludedAmong(reads, command.CommunityId, people, cancellation);
        var (pointsBefore, pointsAfter) = (before.ToDictionary(s => s.UserId, s => s.Points), after.ToDictionary(s => s.UserId, s => s.Points));
        var rankBefore = Standings.Rank(before, excluded).ToDictionary(r => r.UserId, r => (int?)r.Rank);
        var rankAfter = Standings.Rank(after, excluded).ToDictionary(r => r.UserId, r => (int?)r.Rank);
        var (rulesBefore, rulesAfter) = (current?.InEffectAt(now) ?? PointRules.Default, proposed.InEffectAt(now));
        var members = people.Select(user => new PreviewMember(user, pointsBefore.GetValueOrDefault(user), pointsAfter.GetValueOrDefault(user),
                Levels.Of(pointsBefore.GetValueOrDefault(user), rulesBefore.LevelThresholds), Levels.Of(pointsAfter.GetValueOrDefault(user), rulesAfter.LevelThresholds),
                rankBefore.GetValueOrDefault(user), rankAfter.GetValueOrDefault(user)))
            .OrderBy(m => m.RankAfter ?? int.MaxValue).ThenByDescending(m => m.PointsAfter).ThenBy(m => m.UserId).ToList();
        return new RulesPreview(command.CommunityId, rulesBefore, rulesAfter, members);
    }
}
