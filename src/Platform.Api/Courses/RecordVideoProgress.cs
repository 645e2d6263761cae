using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

public sealed record RecordVideoProgress(Guid LessonId, int PositionSeconds, IReadOnlyList<WatchedRange> WatchedRanges, int DurationSeconds, Guid UserId);

public static class RecordVideoProgressField
{
    public static void AddRecordVideoProgress(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<WatchProgressGraphType>>("recordVideoProgress")
            .Description("The player's report, every few seconds: where the learner is and which stretches they played since. Reporting the same again changes nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<IntGraphType>>("positionSeconds")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<WatchedRangeInputGraphType>>>>("watchedRanges")
            .Argument<NonNullGraphType<IntGraphType>>("durationSeconds", "The video's length as the player knows it; the first report fixes it.")
            .AllowOwn(CoursesAccess.EnrolledInLessonCourse, SignedIn)
            .ResolveAsync(async c =>
            {
                var ranges = c.GetArgument<List<WatchedRangeInput>>("watchedRanges");
                if (ranges.Count > Enrolment.MaxRangesPerReport) throw DomainException.Invalid($"Report at most {Enrolment.MaxRangesPerReport} ranges at a time.");
                return await c.Commands().InvokeAsync<WatchProgress>(new RecordVideoProgress(c.IdArgument("lessonId"), c.GetArgument<int>("positionSeconds"),
                    [.. ranges.Select(r => new WatchedRange(r.Start, r.End))], c.GetArgument<int>("durationSeconds"), c.UserId()), c.CancellationToken);
            });
}

public static class RecordVideoProgressHandler
{
    /// <summary>
    /// Two round trips of reads (the progress and the lesson's place; then the outline and the enrolment), one upsert; an event
    /// only when a threshold is crossed.
    /// </summary>
    public static async Task<WatchProgress> Handle(RecordVideoProgress command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var first = session.CreateBatchQuery();
        var loadingCurrent = first.Load<WatchProgress>(WatchProgress.IdOf(command.UserId, command.LessonId));
        var loadingPlacement = first.Load<OutlinePlacement>(command.LessonId);
        await first.Execute(cancellation);
        var current = await loadingCurrent;
        var courseId = current?.CourseId ?? (await loadingPlacement)?.CourseId ?? await CourseReads.CourseIdOf(session, command.LessonId, cancellation);
        var enrolmentId = DeterministicId.Enrolment(courseId, command.UserId);
        var second = session.CreateBatchQuery();
        var loadingCourse = OutlineCache.Load(second, session, courseId);
        var loadingEnrolment = second.Load<EnrolmentView>(enrolmentId);
        await second.Execute(cancellation);
        var course = await loadingCourse ?? throw DomainException.NotFound("The course");
        var enrolment = await loadingEnrolment;
        var (progress, events) = Enrolment.RecordWatch(course, enrolment, current, command, clock.GetUtcNow());
        session.Store(progress);
        if (events.Length > 0) session.Events.Append(enrolmentId, events);
        return progress;
    }
}
