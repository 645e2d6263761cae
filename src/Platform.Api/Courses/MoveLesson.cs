using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses;

public sealed record MoveLesson(Guid LessonId, Guid ModuleId, int Position, Guid MovedBy);

public static class MoveLessonField
{
    public static void AddMoveLesson(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("moveLesson")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .Argument<NonNullGraphType<IntGraphType>>("position", "Zero-based, among the target module's other lessons.")
            .AllowOwn(CoursesAccess.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                var courseId = await CourseReads.CourseIdOf(c.Reads(), lessonId, c.CancellationToken);
                if (await CourseReads.CourseIdOf(c.Reads(), c.IdArgument("moduleId"), c.CancellationToken) != courseId)
                    throw DomainException.Invalid("A lesson moves within its own course.");
                await c.Commands().InvokeAsync(new MoveLesson(lessonId, c.IdArgument("moduleId"), c.GetArgument<int>("position"), c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class MoveLessonHandler
{
    public static async Task Handle(MoveLesson command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, await CourseReads.CourseIdOf(session, command.LessonId, cancellation), cancellation);
        stream.AppendMany(Course.MoveLesson(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
