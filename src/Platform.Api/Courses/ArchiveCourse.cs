using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record ArchiveCourse(Guid CourseId, Guid ArchivedBy);

public static class ArchiveCourseField
{
    public static void AddArchiveCourse(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("archiveCourse")
            .Description("Unpublishes the course for good: no new enrolments, gone from discovery; enrolled learners keep the last published version.")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .AllowOwn(CoursesAccess.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                await c.Commands().InvokeAsync(new ArchiveCourse(courseId, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class ArchiveCourseHandler
{
    public static async Task Handle(ArchiveCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, command.CourseId, cancellation);
        stream.AppendMany(Course.Archive(stream.Aggregate!, command.ArchivedBy, clock.GetUtcNow()));
    }
}
