using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses;

public sealed record PublishCourse(Guid CourseId, Guid PublishedBy);

public static class PublishCourseField
{
    public static void AddPublishCourse(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("publishCourse")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .AllowOwn(CoursesAccess.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                await c.Commands().InvokeAsync(new PublishCourse(courseId, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class PublishCourseHandler
{
    public static async Task Handle(PublishCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, command.CourseId, cancellation);
        stream.AppendMany(Course.Publish(stream.Aggregate!, command.PublishedBy, clock.GetUtcNow()));
    }
}
