using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;

namespace Platform.Api.Courses;

public sealed record UpdateLesson(Guid LessonId, string Title, string Body, int? DripDays, DateTimeOffset? DripAt, bool Optional, Guid UpdatedBy,
    IReadOnlyList<Guid>? AttachmentFileIds = null);

public static class UpdateLessonField
{
    public static void AddUpdateLesson(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("updateLesson")
            .Description("Replaces a lesson's title, body, drip and whether it is optional, in the draft; learners see it on the next publish.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<UpdateLessonInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                var input = c.GetArgument<UpdateLessonInput>("input");
                await c.Commands().InvokeAsync(new UpdateLesson(lessonId, input.Title, input.Body ?? "", input.DripDays, input.DripAt, input.Optional ?? false,
                    c.UserId(), Files.FileAttachments.Ids(input.AttachmentFileIds)), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), lessonId, c.CancellationToken));
            });
}

public static class UpdateLessonHandler
{
    /// <summary>The attachments, when given, change with the lesson in one transaction (they show in the draft and the published lesson alike).</summary>
    public static async Task Handle(UpdateLesson command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWritingContaining(session, command.LessonId, cancellation);
        stream.AppendMany(Course.UpdateLesson(stream.Aggregate!, command, clock.GetUtcNow()));
        if (command.AttachmentFileIds is { } attachments)
            await Files.FileAttachments.ReplaceFiles(session, messages, attachments, Contracts.Files.FilePurpose.LessonAttachment, Contracts.Files.FileOwnerKind.Lesson,
                command.LessonId, stream.Aggregate!.CommunityId, command.UpdatedBy, clock.GetUtcNow(), cancellation);
    }
}
