using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record UpdateModule(Guid ModuleId, string Title, Guid UpdatedBy);

public static class UpdateModuleField
{
    public static void AddUpdateModule(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("updateModule")
            .Description("Renames a module in the draft; learners see it on the next publish.")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .Argument<NonNullGraphType<UpdateModuleInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("moduleId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var moduleId = c.IdArgument("moduleId");
                await c.Commands().InvokeAsync(new UpdateModule(moduleId, c.GetArgument<UpdateModuleInput>("input").Title, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), moduleId, c.CancellationToken));
            });
}

public static class UpdateModuleHandler
{
    public static async Task Handle(UpdateModule command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWritingContaining(session, command.ModuleId, cancellation);
        stream.AppendMany(Course.UpdateModule(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
