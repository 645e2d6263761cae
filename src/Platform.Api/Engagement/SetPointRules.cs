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
using Wolverine;

namespace Platform.Api.Engagement;

/// <summary>New point rules for a community; null fields keep the rules in force now. <c>EffectiveFrom</c> null rescoring the whole history.</summary>
public sealed record SetPointRules(
    Guid CommunityId, int? PerLikeReceived, int? PerLessonCompleted, int? PerCourseCompleted, int? PerEventAttended, IReadOnlyList<int>? LevelThresholds,
    DateTimeOffset? EffectiveFrom, Guid ChangedBy)
{
    /// <summary>The command a <c>PointRulesInput</c> asks for (<c>setPointRules</c> and <c>previewPointRules</c> read it alike).</summary>
    public static SetPointRules From(IResolveFieldContext context)
    {
        var input = context.GetArgument<Dictionary<string, object?>>("input");
        int? Int(string name) => input.GetValueOrDefault(name) is { } value ? Convert.ToInt32(value) : null;
        return new SetPointRules(context.IdArgument("communityId"), Int("perLikeReceived"), Int("perLessonCompleted"), Int("perCourseCompleted"),
            Int("perEventAttended"), (input.GetValueOrDefault("levelThresholds") as IEnumerable<object?>)?.Select(Convert.ToInt32).ToList(),
            input.GetValueOrDefault("effectiveFrom") as DateTimeOffset?, context.UserId());
    }

    /// <summary>Pure: the next version of the rules, checked.</summary>
    public PointRulesChanged Decide(PointRulesView? current, DateTimeOffset now)
    {
        var rules = current?.InEffectAt(now) ?? PointRules.Default;
        return new PointRulesChanged(CommunityId, Levels.Checked(new PointRules(PerLikeReceived ?? rules.PerLikeReceived,
                PerLessonCompleted ?? rules.PerLessonCompleted, PerCourseCompleted ?? rules.PerCourseCompleted, PerEventAttended ?? rules.PerEventAttended,
                LevelThresholds ?? rules.LevelThresholds)),
            EffectiveFrom, ChangedBy, now);
    }
}

/// <summary>
/// Appends the rules' new version and rescores the community in the same transaction: its ledger is replaced by a replay of
/// its history under every version, which is what a from-scratch rebuild of the projection gives. Levels are checked again
/// afterwards (a level reached stays reached).
/// </summary>
public static class SetPointRulesHandler
{
    public static void AddSetPointRules(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PointRulesPolicyGraphType>>("setPointRules")
            .Description("Sets the community's point rules and level thresholds, and rescores every member from the events.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<PointRulesInputGraphType>>("input")
            .AllowOwn(CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var command = SetPointRules.From(c);
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await c.Reads().LoadAsync<PointRulesView>(EngagementIds.Rules(command.CommunityId), c.CancellationToken);
            });

    public static async Task<OutgoingMessages> Handle(SetPointRules command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<PointRulesView>(EngagementIds.Rules(command.CommunityId), cancellation);
        var changed = command.Decide(stream.Aggregate, clock.GetUtcNow());
        stream.AppendOne(changed);
        var ledger = await CommunityHistory.Replay(session, command.CommunityId, PointRulesView.With(stream.Aggregate, changed), cancellation);
        session.DeleteWhere<PointEntry>(e => e.CommunityId == command.CommunityId);
        if (ledger.Count > 0) session.Store(ledger.ToArray());
        var checks = new OutgoingMessages();
        checks.AddRange(ledger.Select(e => e.UserId).Distinct().Select(user => new CheckLevel(command.CommunityId, user)));
        return checks;
    }
}
