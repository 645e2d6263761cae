using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record DeleteLesson(Guid LessonId, Guid DeletedBy);

public static class DeleteLessonField
{
    public static void AddDeleteLesson(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("deleteLesson")
            .Description("Deletes a lesson from the draft; once published, it no longer counts towards progress, and learners' completions of it stay in their history.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .AllowOwn(CoursesAccess.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                await c.Commands().InvokeAsync(new DeleteLesson(lessonId, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), lessonId, c.CancellationToken));
            });
}

public static class DeleteLessonHandler
{
    public static async Task Handle(DeleteLesson command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWritingContaining(session, command.LessonId, cancellation);
        var deleted = Course.DeleteLesson(stream.Aggregate!, command.LessonId, command.DeletedBy, clock.GetUtcNow());
        stream.AppendMany(deleted);
        if (deleted.Length > 0)
            await Files.FileDeletion.DeleteFilesOf(session, messages, Contracts.Files.FileOwnerKind.Lesson, [command.LessonId], "The lesson was deleted.", clock.GetUtcNow(), cancellation);
    }
}
