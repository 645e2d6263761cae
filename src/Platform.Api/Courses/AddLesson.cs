using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses;

public sealed record AddLesson(Guid ModuleId, Guid LessonId, string Title, string Body, int? DripDays, DateTimeOffset? DripAt, Guid AddedBy);

public static class AddLessonField
{
    public static void AddAddLesson(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("addLesson")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .Argument<NonNullGraphType<AddLessonInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("moduleId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var moduleId = c.IdArgument("moduleId");
                var input = c.GetArgument<AddLessonInput>("input");
                await c.Commands().InvokeAsync(new AddLesson(moduleId, Guid.CreateVersion7(), input.Title, input.Body ?? "", input.DripDays,
                    input.DripAt, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), moduleId, c.CancellationToken));
            });
}

public static class AddLessonHandler
{
    public static async Task Handle(AddLesson command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, await CourseReads.CourseIdOf(session, command.ModuleId, cancellation), cancellation);
        stream.AppendMany(Course.AddLesson(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
