using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Projections.Social;

/// <summary>One learner enrolled in one course, as the embedded feeds have replayed it (its id is the enrolment's).</summary>
public sealed class CourseLearner
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>
/// Who a lesson announcement notifies: the learners enrolled in the course when it was published. The embedded feeds keep
/// their own roster from the enrolment events, in the same replay as the announcements, because a full rebuild empties
/// <see cref="EnrolmentView"/> beside them. Pages are applied one after another, each committed before the next is read,
/// so a page's roster is the stored one plus the page's own enrolment events before the announcement. The Stream fan-out
/// (live, one event at a time, no roster of its own) asks <see cref="EnrolmentView"/>.
/// </summary>
public static class CourseLearners
{
    public static readonly Type[] Sources = [typeof(Enrolled), typeof(EnrolmentRevoked)];

    private sealed record Page(IReadOnlyList<CourseLearner> Stored, IReadOnlyList<IEvent> Changes);

    private static readonly ConditionalWeakTable<IQuerySession, Page> pages = new();

    /// <summary>The stored rosters of the courses this page publishes, and the page's enrolment events, for the page <paramref name="session"/> applies.</summary>
    public static async Task Read(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var published = events.Select(e => e.Data).OfType<CoursePublished>().Select(p => p.CourseId).Distinct().ToArray();
        var stored = published.Length == 0 ? [] : await session.Query<CourseLearner>().Where(l => published.Contains(l.CourseId)).ToListAsync(cancellation);
        pages.AddOrUpdate(session, new Page(stored, events.Where(e => e.Data is Enrolled or EnrolmentRevoked).ToList()));
    }

    /// <summary>The users enrolled in the published course just before <paramref name="e"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> At(IQuerySession session, IEvent e, CoursePublished p, CancellationToken cancellation)
    {
        if (!pages.TryGetValue(session, out var page))
        {
            var enrolled = await session.Query<EnrolmentView>().Where(x => x.CourseId == p.CourseId && x.EnrolledAt <= p.PublishedAt).ToListAsync(cancellation);
            return enrolled.Where(x => x.RevokedAt is null || x.RevokedAt > p.PublishedAt).Select(x => x.UserId).ToList();
        }
        var users = page.Stored.Where(l => l.CourseId == p.CourseId).Select(l => l.UserId).ToHashSet();
        foreach (var change in page.Changes.Where(c => c.Sequence < e.Sequence))
        {
            if (change.Data is Enrolled enrolled && enrolled.CourseId == p.CourseId) users.Add(enrolled.UserId);
            if (change.Data is EnrolmentRevoked revoked && revoked.CourseId == p.CourseId) users.Remove(revoked.UserId);
        }
        return users.ToList();
    }

    /// <summary>The roster's change for an enrolment event.</summary>
    public static void Apply(IDocumentOperations operations, object data)
    {
        if (data is Enrolled e) operations.Store(new CourseLearner { Id = e.EnrolmentId, CourseId = e.CourseId, UserId = e.UserId });
        if (data is EnrolmentRevoked r) operations.Delete<CourseLearner>(r.EnrolmentId);
    }
}
