using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record UnpublishCourse(Guid CourseId, Guid UnpublishedBy);

public static class UnpublishCourseField
{
    public static void AddUnpublishCourse(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("unpublishCourse")
            .Description("Stops new enrolments and hides the course from discovery; enrolled learners keep the last published version.")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .AllowOwn(CoursesAccess.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                await c.Commands().InvokeAsync(new UnpublishCourse(courseId, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class UnpublishCourseHandler
{
    public static async Task Handle(UnpublishCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, command.CourseId, cancellation);
        stream.AppendMany(Course.Unpublish(stream.Aggregate!, command.UnpublishedBy, clock.GetUtcNow()));
    }
}
