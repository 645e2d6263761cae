using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.Engagement;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Courses;
using Platform.Projections.Identity;
using Wolverine;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

/// <summary>The resolver finds the lesson's course once and passes it on; the rules refuse a lesson the course does not hold.</summary>
public sealed record CompleteLesson(Guid LessonId, Guid CourseId, Guid UserId);

public static class CompleteLessonField
{
    public static void AddCompleteLesson(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<EnrolmentGraphType>>("completeLesson")
            .Description("Marks an open lesson done (again changes nothing) once its quiz is passed and the course's watch rule met; the last required one completes the course and issues its certificate.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .AllowOwn(CoursesAccess.EnrolledInLessonCourse, SignedIn)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                var courseId = await CourseReads.CourseIdOf(c, lessonId);
                await c.Commands().InvokeAsync(new CompleteLesson(lessonId, courseId, c.UserId()), c.CancellationToken);
                return await CourseReads.EnrolmentOf(c, courseId);
            });
}

public static class CompleteLessonHandler
{
    /// <summary>The certificate carries the learner's display name as it is when the course completes.</summary>
    public static async Task<OutgoingMessages> Handle(CompleteLesson command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        // Everything the rule reads, in one round trip.
        var batch = session.CreateBatchQuery();
        var loadingCourse = OutlineCache.Load(batch, session, command.CourseId);
        var loadingLearner = batch.Load<UserAccount>(command.UserId);
        var loadingWatched = batch.Load<WatchProgress>(WatchProgress.IdOf(command.UserId, command.LessonId));
        var fetchingStream = batch.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(command.CourseId, command.UserId));
        await batch.Execute(cancellation);
        var course = await loadingCourse ?? throw DomainException.NotFound("The course");
        var (learner, watched, stream) = (await loadingLearner, await loadingWatched, await fetchingStream);
        var now = clock.GetUtcNow();
        var events = Enrolment.Complete(course, stream.Aggregate, command.LessonId, learner?.DisplayName ?? "", watched?.WatchedPercent ?? 0, now);
        stream.AppendMany(events);
        return await CheckLevelHandler.AfterLearning(session, course.CommunityId, command.UserId, events, now, cancellation);
    }
}
