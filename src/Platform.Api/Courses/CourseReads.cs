using GraphQL;
using Marten;
using JasperFx.Events;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>Finding a course by what it contains, loading its stream, and what the module's fields answer with.</summary>
public static class CourseReads
{
    /// <summary>The course whose draft holds a module, lesson or video with this id, if any.</summary>
    public static Task<CourseOutline?> CourseContaining(IQuerySession session, Guid id, CancellationToken cancellation) =>
        session.Query<CourseOutline>().FirstOrDefaultAsync(c => c.OutlineIds.Contains(id), cancellation);

    /// <summary>The course a module, lesson or video belongs to.</summary>
    public static async Task<Guid> CourseIdOf(IQuerySession session, Guid id, CancellationToken cancellation) =>
        (await CourseContaining(session, id, cancellation))?.Id ?? throw DomainException.NotFound("The module or lesson");

    /// <summary>The course stream for a command to decide on; the course must exist.</summary>
    public static async Task<IEventStream<CourseOutline>> ForWriting(IDocumentSession session, Guid courseId, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CourseOutline>(courseId, cancellation);
        return stream.Aggregate is null ? throw DomainException.NotFound("The course") : stream;
    }

    /// <summary>The outline is inline: a mutation's answer shows its own change.</summary>
    public static async Task<CourseOutline> Current(IResolveFieldContext context, Guid courseId) =>
        await context.Reads().LoadAsync<CourseOutline>(courseId, context.CancellationToken) ?? throw DomainException.NotFound("The course");

    public static async Task<EnrolmentView> EnrolmentOf(IResolveFieldContext context, Guid courseId) =>
        await context.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(courseId, context.UserId()), context.CancellationToken)
        ?? throw DomainException.NotFound("The enrolment");

    /// <summary>Modules with what the caller needs to see locks: their enrolment, loaded once per course.</summary>
    public static async Task<IEnumerable<ModuleForCaller>> ForCaller(IResolveFieldContext context, List<ModuleOutline> modules)
    {
        var course = (CourseOutline)context.Source!;
        var caller = context.Caller();
        var enrolment = caller.UserId is { } userId
            ? await context.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(course.Id, userId), context.CancellationToken)
            : null;
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        return modules.Select(m => new ModuleForCaller(course, m, enrolment, CoursesAccess.Builds(caller, course), now));
    }
}
