using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;
using Platform.Contracts;
using Platform.Contracts.Calendar;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Engagement;
using Platform.Contracts.Social;
using Platform.Projections.Courses;

namespace Platform.Projections.Engagement;

public enum PointReason { LikeReceived, LessonCompleted, CourseCompleted, EventAttended }

/// <summary>
/// One line of a member's points in a community, with its reason: who liked what, or which lesson or course was completed.
/// A withdrawn line stays to explain itself (<c>WithdrawnAt</c>, <c>WithdrawnReason</c>) and counts nothing.
/// </summary>
public sealed class PointEntry
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid UserId { get; set; }
    public int Points { get; set; }
    public PointReason Reason { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The scoring event's place in the store: orders lines that share a moment.</summary>
    public long Sequence { get; set; }
    /// <summary>The liker, for a like received.</summary>
    public Guid? FromUserId { get; set; }
    public Guid? PostId { get; set; }
    /// <summary>The liked post or comment.</summary>
    public Guid? TargetId { get; set; }
    public Guid? CourseId { get; set; }
    public Guid? LessonId { get; set; }
    /// <summary>The calendar event, for an occurrence attended.</summary>
    public Guid? EventId { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnReason { get; set; }
}

/// <summary>What an event does to the ledger: the one description that the projection, previews and rescoring all apply.</summary>
public abstract record PointChange;
public sealed record Grant(PointEntry Entry) : PointChange;
/// <summary>A like taken back: within <see cref="PointScoring.FreeWithdrawal"/> of being given it leaves no line at all.</summary>
public sealed record WithdrawLike(Guid EntryId, DateTimeOffset At) : PointChange;
/// <summary>A deleted post takes back the likes of the post and of its comments.</summary>
public sealed record WithdrawPost(Guid PostId, DateTimeOffset At) : PointChange;
/// <summary>Every like one liker gave in the community so far: banned, or revoked by the creator.</summary>
public sealed record WithdrawLiker(Guid CommunityId, Guid LikerId, string Reason, DateTimeOffset At) : PointChange;

/// <summary>
/// Skool's loop, made explainable: the author of a post or comment earns the rules' points for each like received from
/// someone else; learning earns what the rules say. Every line is scored by the rules in force at its event's time.
/// </summary>
public static class PointScoring
{
    public static readonly TimeSpan FreeWithdrawal = TimeSpan.FromMinutes(1);

    public static readonly Type[] Sources =
    [
        typeof(Reacted), typeof(Unreacted), typeof(PostDeleted), typeof(LessonCompleted), typeof(CourseCompleted), typeof(MemberBanned),
        typeof(LikerPointsRevoked), typeof(AttendanceRecorded),
    ];

    /// <summary>The community an event scores in, for those that carry it; learning events recorded before they carried it name only a course.</summary>
    public static Guid? CommunityOf(object data) => data switch
    {
        LessonCompleted l => l.CommunityId,
        CourseCompleted c => c.CommunityId,
        Reacted r => r.CommunityId,
        Unreacted r => r.CommunityId,
        PostDeleted p => p.CommunityId,
        MemberBanned b => b.CommunityId,
        LikerPointsRevoked r => r.CommunityId,
        AttendanceRecorded a => a.CommunityId,
        _ => null,
    };

    public static Guid? CourseOf(object data) => data switch
    {
        LessonCompleted l => l.CourseId,
        CourseCompleted c => c.CourseId,
        _ => null,
    };

    /// <summary>Whether the event can earn points (and so needs the rules).</summary>
    public static bool Earns(object data) => data is Reacted or LessonCompleted or CourseCompleted or AttendanceRecorded;

    public static IReadOnlyList<PointChange> For(IEvent e, Guid communityId, PointRulesView? rules)
    {
        PointRules RulesAt(DateTimeOffset at) => rules?.InEffectAt(at) ?? PointRules.Default;
        return e.Data switch
        {
            Reacted r when r.Kind == ReactionKind.Like && r.TargetAuthorId != r.UserId && RulesAt(r.ReactedAt).PerLikeReceived is var points and not 0 =>
                [new Grant(new PointEntry
                {
                    Id = r.ReactionId, CommunityId = communityId, UserId = r.TargetAuthorId, Points = points, Reason = PointReason.LikeReceived,
                    At = r.ReactedAt, Sequence = e.Sequence, FromUserId = r.UserId, PostId = r.PostId, TargetId = r.TargetId,
                })],
            Unreacted r => [new WithdrawLike(r.ReactionId, r.UnreactedAt)],
            PostDeleted p => [new WithdrawPost(p.PostId, p.DeletedAt)],
            LessonCompleted l when RulesAt(l.CompletedAt).PerLessonCompleted is var points and not 0 =>
                [new Grant(new PointEntry
                {
                    Id = EngagementIds.Entry("lesson", l.EnrolmentId, l.LessonId), CommunityId = communityId, UserId = l.UserId, Points = points,
                    Reason = PointReason.LessonCompleted, At = l.CompletedAt, Sequence = e.Sequence, CourseId = l.CourseId, LessonId = l.LessonId,
                })],
            CourseCompleted c when RulesAt(c.CompletedAt).PerCourseCompleted is var points and not 0 =>
                [new Grant(new PointEntry
                {
                    Id = EngagementIds.Entry("course", c.EnrolmentId), CommunityId = communityId, UserId = c.UserId, Points = points,
                    Reason = PointReason.CourseCompleted, At = c.CompletedAt, Sequence = e.Sequence, CourseId = c.CourseId,
                })],
            AttendanceRecorded a when RulesAt(a.RecordedAt).PerEventAttended is var points and not 0 =>
                [new Grant(new PointEntry
                {
                    Id = EngagementIds.Entry("event", a.EventId, a.UserId, DeterministicId.From("occurrence", a.OccurrenceStartsAt.UtcTicks.ToString())),
                    CommunityId = communityId, UserId = a.UserId, Points = points, Reason = PointReason.EventAttended, At = a.RecordedAt,
                    Sequence = e.Sequence, EventId = a.EventId,
                })],
            MemberBanned b => [new WithdrawLiker(b.CommunityId, b.UserId, "The liker was banned from the community.", b.BannedAt)],
            LikerPointsRevoked r => [new WithdrawLiker(r.CommunityId, r.LikerId, r.Reason, r.RevokedAt)],
            _ => [],
        };
    }

    /// <summary>The changes as document operations, queued in order (so a rebuild's batch needs no read of its own writes).</summary>
    public static void ApplyTo(this PointChange change, IDocumentOperations operations)
    {
        switch (change)
        {
            case Grant grant:
                operations.Store(grant.Entry);
                break;
            case WithdrawLike like:
                var givenAfter = like.At - FreeWithdrawal;
                operations.DeleteWhere<PointEntry>(e => e.Id == like.EntryId && e.At > givenAfter);
                Withdraw(operations.Patch<PointEntry>(e => e.Id == like.EntryId && e.WithdrawnAt == null), "The like was withdrawn.", like.At);
                break;
            case WithdrawPost post:
                Withdraw(operations.Patch<PointEntry>(e => e.PostId == post.PostId && e.WithdrawnAt == null), "The post was deleted.", post.At);
                break;
            case WithdrawLiker liker:
                Withdraw(operations.Patch<PointEntry>(e => e.CommunityId == liker.CommunityId && e.FromUserId == liker.LikerId && e.WithdrawnAt == null),
                    liker.Reason, liker.At);
                break;
        }
    }

    private static void Withdraw(IPatchExpression<PointEntry> patch, string reason, DateTimeOffset at)
    {
        patch.Set(e => e.WithdrawnReason, reason);
        patch.Set(e => e.WithdrawnAt, at);
    }

    /// <summary>The same changes on one community's ledger in memory: previews and rescoring replay history through it.</summary>
    public static void ApplyTo(this PointChange change, Dictionary<Guid, PointEntry> ledger)
    {
        IEnumerable<PointEntry> Standing(Func<PointEntry, bool> which) => ledger.Values.Where(e => e.WithdrawnAt is null && which(e));
        switch (change)
        {
            case Grant grant:
                ledger[grant.Entry.Id] = grant.Entry;
                break;
            case WithdrawLike like when ledger.TryGetValue(like.EntryId, out var entry) && entry.At > like.At - FreeWithdrawal:
                ledger.Remove(like.EntryId);
                break;
            case WithdrawLike like:
                Withdraw(Standing(e => e.Id == like.EntryId), "The like was withdrawn.", like.At);
                break;
            case WithdrawPost post:
                Withdraw(Standing(e => e.PostId == post.PostId), "The post was deleted.", post.At);
                break;
            case WithdrawLiker liker:
                Withdraw(Standing(e => e.CommunityId == liker.CommunityId && e.FromUserId == liker.LikerId), liker.Reason, liker.At);
                break;
        }
    }

    private static void Withdraw(IEnumerable<PointEntry> entries, string reason, DateTimeOffset at)
    {
        foreach (var entry in entries.ToList())
        {
            entry.WithdrawnReason = reason;
            entry.WithdrawnAt = at;
        }
    }
}

/// <summary>
/// The points ledger, inline: a like's line commits with the like, so the next read and the level check see it. Rebuilt from
/// the events whenever the rules change (one community) or the projection does (all of them). The rules, and the community
/// of a course for learning events recorded before they carried it, come from their own streams, not from
/// <see cref="PointRulesView"/> or <see cref="CourseOutline"/>: a full rebuild empties those read models beside this one.
/// Every version of the rules is read, as rescoring does, so a line is scored by the rules in force at its event's time.
/// </summary>
public sealed class PointLedgerProjection : EventProjection
{
    /// <summary>What a page's (or a save's) earning events need, read in one or two queries: the rules of their communities and the community of each legacy course.</summary>
    private sealed record Page(IReadOnlyDictionary<Guid, Guid> CommunityOfCourse, IReadOnlyDictionary<Guid, PointRulesView?> Rules);

    // One entry per session: the daemon applies each page with its own session, and a live save enriches its session again first.
    private static readonly ConditionalWeakTable<IQuerySession, Page> pages = new();

    public PointLedgerProjection()
    {
        foreach (var type in PointScoring.Sources) IncludeType(type);
        Options.DeleteViewTypeOnTeardown(typeof(PointEntry));
    }

    public override async Task EnrichEventsAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken cancellation) =>
        pages.AddOrUpdate(session, await Read(session, events, cancellation));

    private static async Task<Page> Read(IQuerySession session, IEnumerable<IEvent> events, CancellationToken cancellation)
    {
        var earning = events.Select(e => e.Data).Where(PointScoring.Earns).ToList();
        var legacyCourses = earning.Where(data => PointScoring.CommunityOf(data) is null).Select(PointScoring.CourseOf).OfType<Guid>().Distinct().ToArray();
        var courses = await StreamHistories.Query(session, legacyCourses, cancellation);
        var communityOfCourse = legacyCourses
            .Select(course => (course, created: courses[course].Select(e => e.Data).OfType<CourseCreated>().FirstOrDefault()))
            .Where(x => x.created is not null).ToDictionary(x => x.course, x => x.created!.CommunityId);
        var communities = earning.Select(PointScoring.CommunityOf).OfType<Guid>().Concat(communityOfCourse.Values).Distinct().ToList();
        var rules = await StreamHistories.Query(session, communities.Select(EngagementIds.Rules).ToArray(), cancellation);
        return new Page(communityOfCourse, communities.ToDictionary(c => c,
            c => rules[EngagementIds.Rules(c)].Select(e => e.Data).OfType<PointRulesChanged>().Aggregate((PointRulesView?)null, PointRulesView.With)));
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var page = pages.TryGetValue(operations, out var read) ? read : await Read(operations, [e], cancellation);
        var communityId = PointScoring.CommunityOf(e.Data)
            ?? (PointScoring.CourseOf(e.Data) is { } courseId && page.CommunityOfCourse.TryGetValue(courseId, out var ofCourse) ? ofCourse : null);
        if (communityId is not { } community) return;
        var rules = page.Rules.GetValueOrDefault(community);
        foreach (var change in PointScoring.For(e, community, rules)) change.ApplyTo(operations);
    }
}
