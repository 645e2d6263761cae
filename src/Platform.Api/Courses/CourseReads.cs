using System.Runtime.CompilerServices;
using GraphQL;
using Marten;
using Marten.Services.BatchQuerying;
using JasperFx.Events;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Communities;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>Finding a course by what it contains, loading its stream, and what the module's fields answer with.</summary>
public static class CourseReads
{
    /// <summary>The course whose draft holds a module, lesson or video with this id, if any.</summary>
    public static async Task<CourseOutline?> CourseContaining(IQuerySession session, Guid id, CancellationToken cancellation) =>
        await session.LoadAsync<OutlinePlacement>(id, cancellation) is { } placement
            ? await OutlineCache.Load(session, placement.CourseId, cancellation)
            : await Unplaced(session, id, cancellation);

    /// <summary>The course a module, lesson or video belongs to, found by the placement's primary key, if any.</summary>
    public static async Task<Guid?> CourseIdContaining(IQuerySession session, Guid id, CancellationToken cancellation) =>
        (await session.LoadAsync<OutlinePlacement>(id, cancellation))?.CourseId ?? (await Unplaced(session, id, cancellation))?.Id;

    /// <summary>The course a module, lesson or video belongs to; the item must exist.</summary>
    public static async Task<Guid> CourseIdOf(IQuerySession session, Guid id, CancellationToken cancellation) =>
        await CourseIdContaining(session, id, cancellation) ?? throw DomainException.NotFound("The module or lesson");

    /// <summary>
    /// The same within a request: a placement never changes, so the request's lookup reads it once for the access check and
    /// the resolver alike.
    /// </summary>
    public static async Task<Guid?> CourseIdContaining(IResolveFieldContext context, Guid id) =>
        (await context.RequestServices!.GetRequiredService<DocumentLookup<OutlinePlacement>>().Get(id, context.CancellationToken))?.CourseId
        ?? (await Unplaced(context.Reads(), id, context.CancellationToken))?.Id;

    public static async Task<Guid> CourseIdOf(IResolveFieldContext context, Guid id) =>
        await CourseIdContaining(context, id) ?? throw DomainException.NotFound("The module or lesson");

    /// <summary>
    /// Items added before placements existed are found by the outline's JSON containment index, until
    /// <c>projections rebuild OutlinePlacement</c> has run once; unknown ids end here too.
    /// </summary>
    private static Task<CourseOutline?> Unplaced(IQuerySession session, Guid id, CancellationToken cancellation) =>
        session.Query<CourseOutline>().FirstOrDefaultAsync(c => c.OutlineIds.Contains(id), cancellation);

    /// <summary>The course stream for a command to decide on; the course must exist.</summary>
    public static async Task<IEventStream<CourseOutline>> ForWriting(IDocumentSession session, Guid courseId, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CourseOutline>(courseId, cancellation);
        return stream.Aggregate is null ? throw DomainException.NotFound("The course") : stream;
    }

    /// <summary>The stream of the course holding this module, lesson or video.</summary>
    public static async Task<IEventStream<CourseOutline>> ForWritingContaining(IDocumentSession session, Guid id, CancellationToken cancellation) =>
        await ForWriting(session, await CourseIdOf(session, id, cancellation), cancellation);

    /// <summary>The outline is inline: a mutation's answer shows its own change.</summary>
    public static async Task<CourseOutline> Current(IResolveFieldContext context, Guid courseId) =>
        await OutlineCache.Load(context.Reads(), courseId, context.CancellationToken) ?? throw DomainException.NotFound("The course");

    public static async Task<EnrolmentView> EnrolmentOf(IResolveFieldContext context, Guid courseId) =>
        await context.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(courseId, context.UserId()), context.CancellationToken)
        ?? throw DomainException.NotFound("The enrolment");

    /// <summary>The course-level lock for the caller: builders have none; a caller who is not signed in must join (NOT_MEMBER) first.</summary>
    public static async Task<CourseLockForCaller?> LockFor(IResolveFieldContext context, CourseOutline course)
    {
        var caller = context.Caller();
        if (CoursesAccess.Builds(caller, course)) return null;
        var reads = context.Reads();
        var (enrolment, activeMember) = caller.UserId is { } userId
            ? (await reads.LoadAsync<EnrolmentView>(DeterministicId.Enrolment(course.Id, userId), context.CancellationToken),
               (await CommunitiesAccess.MembershipOf(reads, course.CommunityId, userId, context.CancellationToken))?.Status == MembershipStatus.Active)
            : (null, false);
        var levelReached = activeMember && course.Access == Contracts.Courses.CourseAccess.Level
            ? await Engagement.EngagementAccess.HighestLevel(reads, course.CommunityId, caller.UserId!.Value, context.CancellationToken)
            : 0;
        return Enrolment.LockOf(course, enrolment, activeMember, levelReached) is { } reason
            ? new CourseLockForCaller(reason, reason == CourseLockReason.Level ? course.UnlockLevel : null)
            : null;
    }

    // The caller's enrolment per loaded outline, which the course page's modules and viewerEnrolment both need. Keyed by the outline
    // instance a resolver loaded (each load returns an instance of its own, from OutlineCache too, so each request, and each answer
    // after a command, has its own):
    // an answer never sees an enrolment read before its command, and an entry goes when its outline does.
    private static readonly ConditionalWeakTable<CourseOutline, EnrolmentRead> Enrolments = new();

    private sealed record EnrolmentRead(Guid UserId, Task<EnrolmentView?> Enrolment);

    /// <summary>The caller's enrolment in the course, read once per loaded outline (on <paramref name="batch"/> when given); null when not
    /// signed in or not enrolled.</summary>
    public static Task<EnrolmentView?> ViewerEnrolment(IResolveFieldContext context, CourseOutline course, IBatchedQuery? batch = null)
    {
        if (context.Caller().UserId is not { } userId) return Task.FromResult<EnrolmentView?>(null);
        if (Enrolments.TryGetValue(course, out var known) && known.UserId == userId) return known.Enrolment;
        var id = DeterministicId.Enrolment(course.Id, userId);
        var enrolment = batch is null ? context.Reads().LoadAsync<EnrolmentView>(id, context.CancellationToken) : batch.Load<EnrolmentView>(id);
        Enrolments.AddOrUpdate(course, new EnrolmentRead(userId, enrolment));
        return enrolment;
    }

    /// <summary>Modules with what the caller needs to see locks: their enrolment and watch progress, loaded once per course in one round trip.</summary>
    public static async Task<IEnumerable<ModuleForCaller>> ForCaller(IResolveFieldContext context, List<ModuleOutline> modules)
    {
        var course = (CourseOutline)context.Source!;
        var caller = context.Caller();
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        EnrolmentView? enrolment = null;
        var watched = new Dictionary<Guid, WatchProgress>();
        if (caller.UserId is { } userId)
        {
            var batch = context.Reads().CreateBatchQuery();
            var enrolling = ViewerEnrolment(context, course, batch);
            var watching = batch.Query<WatchProgress>().Where(w => w.UserId == userId && w.CourseId == course.Id).ToList();
            await batch.Execute(context.CancellationToken);
            // Progress counts only while enrolled, as the lessons' locks do.
            if ((enrolment = await enrolling) is not null) watched = (await watching).ToDictionary(w => w.LessonId);
        }
        return modules.Select(m => new ModuleForCaller(course, m, enrolment, CoursesAccess.Builds(caller, course), now, watched));
    }
}
