using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record MoveModule(Guid ModuleId, int Position, Guid MovedBy);

public static class MoveModuleField
{
    public static void AddMoveModule(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("moveModule")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .Argument<NonNullGraphType<IntGraphType>>("position", "Zero-based, among the draft's modules.")
            .AllowOwn(CoursesAccess.CourseCreator("moduleId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var moduleId = c.IdArgument("moduleId");
                await c.Commands().InvokeAsync(new MoveModule(moduleId, c.GetArgument<int>("position"), c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), moduleId, c.CancellationToken));
            });
}

public static class MoveModuleHandler
{
    public static async Task Handle(MoveModule command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWritingContaining(session, command.ModuleId, cancellation);
        stream.AppendMany(Course.MoveModule(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
