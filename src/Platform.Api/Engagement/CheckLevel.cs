using Platform.Api.Communities;
using Marten;
using Platform.Api.Courses;
using Platform.Contracts;
using Platform.Contracts.Calendar;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Engagement;
using Platform.Contracts.Social;
using Platform.Projections.Communities;
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
/// check finds the level already reached and appends nothing. Completions are the exception: <c>completeLesson</c> queues
/// the check with its own commit, and only when the rules in force give the completion points (by default they give none).
/// </summary>
public static class CheckLevelHandler
{
    public static void Relay(IPublishingRelay relay)
    {
        relay.PublishEvent<Reacted>((e, bus) => e.Data.TargetAuthorId == e.Data.UserId
            ? ValueTask.CompletedTask
            : bus.PublishAsync(new CheckLevel(e.Data.CommunityId, e.Data.TargetAuthorId)));
        // Completions recorded before they carried their community were not checked by their command.
        relay.PublishEvent<LessonCompleted>((e, bus) =>
            e.Data.CommunityId is null ? bus.PublishAsync(new CheckCourseLevel(e.Data.CourseId, e.Data.UserId)) : ValueTask.CompletedTask);
        relay.PublishEvent<CourseCompleted>((e, bus) =>
            e.Data.CommunityId is null ? bus.PublishAsync(new CheckCourseLevel(e.Data.CourseId, e.Data.UserId)) : ValueTask.CompletedTask);
        relay.PublishEvent<AttendanceRecorded>((e, bus) => bus.PublishAsync(new CheckLevel(e.Data.CommunityId, e.Data.UserId)));
    }

    /// <summary>
    /// The check a learner's completions call for, queued with them: one, when the rules in force give them points. (A check after
    /// every completion was a queued message, a transaction and five reads each, for nothing under the default rules.)
    /// </summary>
    public static async Task<OutgoingMessages> AfterLearning(IQuerySession session, Guid communityId, Guid userId, IReadOnlyCollection<object> events,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var checks = new OutgoingMessages();
        if (!events.Any(e => e is LessonCompleted or CourseCompleted)) return checks;
        var rules = (await session.LoadAsync<PointRulesView>(EngagementIds.Rules(communityId), cancellation))?.InEffectAt(now) ?? PointRules.Default;
        if (events.Any(e => e is LessonCompleted && rules.PerLessonCompleted != 0 || e is CourseCompleted && rules.PerCourseCompleted != 0))
            checks.Add(new CheckLevel(communityId, userId));
        return checks;
    }

    /// <summary>A learning event that names only its course: the check runs here in the course's community (one message per event, not two).</summary>
    public static async Task Handle(CheckCourseLevel command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (await CourseOutlines.CommunityOf(session, command.CourseId, cancellation) is { } communityId)
            await Check(session, communityId, command.UserId, clock.GetUtcNow(), cancellation);
    }

    public static Task Handle(CheckLevel command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Check(session, command.CommunityId, command.UserId, clock.GetUtcNow(), cancellation);

    private static async Task Check(IDocumentSession session, Guid communityId, Guid userId, DateTimeOffset now, CancellationToken cancellation)
    {
        // The member's points, the rules, the community's LEVEL courses and the progress stream, in one round trip.
        var batch = session.CreateBatchQuery();
        var summing = Standings.Of(batch, session, communityId, userId);
        var loadingRules = batch.Load<PointRulesView>(EngagementIds.Rules(communityId));
        var loadingCourses = batch.Query<CourseOutline>().Where(c => c.CommunityId == communityId && c.Access == CourseAccess.Level).ToList();
        var fetchingStream = batch.Events.FetchForWriting<MemberProgress>(EngagementIds.Progress(communityId, userId));
        await batch.Execute(cancellation);
        var points = (await summing).SingleOrDefault()?.Points ?? 0;
        var level = Levels.Of(points, ((await loadingRules)?.InEffectAt(now) ?? PointRules.Default).LevelThresholds);
        var (courses, stream) = (await loadingCourses, await fetchingStream);
        var reached = MemberProgress.Reach(stream.Aggregate, communityId, userId, level, points,
            courses.Where(c => c.IsPublished && c.UnlockLevel is not null).Select(c => (c.Id, c.UnlockLevel!.Value)), now);
        stream.AppendMany(reached);
        await EnrolInUnlocked(session, reached.OfType<CourseUnlocked>().ToList(), courses, level, now, cancellation);
    }

    /// <summary>
    /// "Unlocks the moment the member reaches its level": an active member is enrolled in each course just unlocked, by the
    /// courses' own rule, in the same transaction. (<c>enrolFree</c> does the same later for a LEVEL course published after.)
    /// </summary>
    private static async Task EnrolInUnlocked(IDocumentSession session, IReadOnlyList<CourseUnlocked> unlocked, IReadOnlyList<CourseOutline> courses,
        int level, DateTimeOffset now, CancellationToken cancellation)
    {
        if (unlocked.Count == 0) return;
        var membership = await session.Events.FetchLatest<MembershipView>(DeterministicId.Membership(unlocked[0].CommunityId, unlocked[0].UserId), cancellation);
        if (membership?.Status != MembershipStatus.Active) return;
        foreach (var unlock in unlocked)
        {
            var enrolment = await session.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(unlock.CourseId, unlock.UserId), cancellation);
            if (enrolment.Aggregate is null)
                enrolment.AppendMany(Enrolment.Enrol(courses.Single(c => c.Id == unlock.CourseId), null, unlock.UserId, activeMember: true, level, now));
        }
    }
}
