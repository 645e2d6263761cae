using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses;

public sealed record AddModule(Guid CourseId, Guid ModuleId, string Title, Guid AddedBy);

public static class AddModuleField
{
    public static void AddAddModule(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("addModule")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .Argument<NonNullGraphType<AddModuleInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                var input = c.GetArgument<AddModuleInput>("input");
                await c.Commands().InvokeAsync(new AddModule(courseId, Guid.CreateVersion7(), input.Title, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class AddModuleHandler
{
    public static async Task Handle(AddModule command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, command.CourseId, cancellation);
        stream.AppendMany(Course.AddModule(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
