using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record UpdateCourse(Guid CourseId, string Title, string Description, int? RequiredWatchPercent, Guid UpdatedBy);

public static class UpdateCourseField
{
    public static void AddUpdateCourse(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("updateCourse")
            .Description("Replaces the course's title, description and watch rule; learners see them at once.")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .Argument<NonNullGraphType<UpdateCourseInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                var input = c.GetArgument<UpdateCourseInput>("input");
                await c.Commands().InvokeAsync(new UpdateCourse(courseId, input.Title, input.Description ?? "", input.RequiredWatchPercent, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class UpdateCourseHandler
{
    public static async Task Handle(UpdateCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, command.CourseId, cancellation);
        stream.AppendMany(Course.Update(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
