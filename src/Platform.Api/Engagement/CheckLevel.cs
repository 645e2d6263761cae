using JasperFx.Events;
using Marten;
using Platform.Contracts.Courses;
using Platform.Contracts.Engagement;
using Platform.Contracts.Social;
using Platform.Projections.Courses;
using Platform.Projections.Engagement;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Platform.Api.Engagement;

/// <summary>The member may have earned points in the community: see whether they reached a new level.</summary>
public sealed record CheckLevel(Guid CommunityId, Guid UserId);

/// <summary>The learner may have earned points in the course's community.</summary>
public sealed record CheckCourseLevel(Guid CourseId, Guid UserId);

/// <summary>
/// Level-ups follow committed points: a Marten subscription relays each event that can earn points into a durable queue,
/// whose handler reads the ledger (inline, so already current) and decides on the member's progress stream. A repeated
/// check finds the level already reached and appends nothing.
/// </summary>
public static class CheckLevelHandler
{
    public static void Relay(IPublishingRelay relay)
    {
        relay.PublishEvent<Reacted>((e, bus) => e.Data.TargetAuthorId == e.Data.UserId
            ? ValueTask.CompletedTask
            : bus.PublishAsync(new CheckLevel(e.Data.CommunityId, e.Data.TargetAuthorId)));
        relay.PublishEvent<LessonCompleted>((e, bus) => bus.PublishAsync(new CheckCourseLevel(e.Data.CourseId, e.Data.UserId)));
        relay.PublishEvent<CourseCompleted>((e, bus) => bus.PublishAsync(new CheckCourseLevel(e.Data.CourseId, e.Data.UserId)));
    }

    public static async Task<CheckLevel?> Handle(CheckCourseLevel command, IQuerySession reads, CancellationToken cancellation) =>
        await reads.LoadAsync<CourseOutline>(command.CourseId, cancellation) is { } course ? new CheckLevel(course.CommunityId, command.UserId) : null;

    public static async Task Handle(CheckLevel command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var standing = await Standings.Of(session, command.CommunityId, DateTimeOffset.UnixEpoch, cancellation, command.UserId);
        var points = standing.SingleOrDefault()?.Points ?? 0;
        var rules = await session.LoadAsync<PointRulesView>(EngagementIds.Rules(command.CommunityId), cancellation);
        var level = Levels.Of(points, (rules?.InEffectAt(now) ?? PointRules.Default).LevelThresholds);
        var courses = await session.Query<CourseOutline>()
            .Where(c => c.CommunityId == command.CommunityId && c.Access == CourseAccess.Level).ToListAsync(cancellation);
        var stream = await session.Events.FetchForWriting<MemberProgress>(EngagementIds.Progress(command.CommunityId, command.UserId), cancellation);
        stream.AppendMany(MemberProgress.Reach(stream.Aggregate, command.CommunityId, command.UserId, level, points,
            courses.Where(c => c.IsPublished && c.UnlockLevel is not null).Select(c => (c.Id, c.UnlockLevel!.Value)), now));
    }
}
