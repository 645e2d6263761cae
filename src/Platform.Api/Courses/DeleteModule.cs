using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record DeleteModule(Guid ModuleId, Guid DeletedBy);

public static class DeleteModuleField
{
    public static void AddDeleteModule(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("deleteModule")
            .Description("Deletes a module and its lessons from the draft; learners keep them until the next publish, and their completions stay in their history.")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .AllowOwn(CoursesAccess.CourseCreator("moduleId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var moduleId = c.IdArgument("moduleId");
                await c.Commands().InvokeAsync(new DeleteModule(moduleId, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), moduleId, c.CancellationToken));
            });
}

public static class DeleteModuleHandler
{
    public static async Task Handle(DeleteModule command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWritingContaining(session, command.ModuleId, cancellation);
        var lessons = stream.Aggregate!.Draft.FirstOrDefault(m => m.Id == command.ModuleId)?.Lessons.Select(l => l.Id).ToList() ?? [];
        var deleted = Course.DeleteModule(stream.Aggregate!, command.ModuleId, command.DeletedBy, clock.GetUtcNow());
        stream.AppendMany(deleted);
        if (deleted.Length > 0)
            await Files.FileDeletion.DeleteFilesOf(session, messages, Contracts.Files.FileOwnerKind.Lesson, lessons, "The lesson's module was deleted.", clock.GetUtcNow(), cancellation);
    }
}
