using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Video.Graph;
using Wolverine;

namespace Platform.Api.Video;

public sealed record RequestVideoUpload(Guid LessonId, Guid VideoId, string FileName, long SizeBytes, Guid RequestedBy);

public static class RequestVideoUploadField
{
    public static void AddRequestVideoUpload(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<VideoUploadGraphType>>("requestVideoUpload")
            .Description("Starts a lesson video upload (replacing any earlier one): returns where to send the bytes.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<RequestVideoUploadInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RequestVideoUploadInput>("input");
                var command = new RequestVideoUpload(c.IdArgument("lessonId"), Guid.CreateVersion7(), input.FileName, input.SizeBytes, c.UserId());
                return (command.VideoId, await c.Commands().InvokeAsync<VideoUpload>(command, c.CancellationToken));
            });
}

public static class RequestVideoUploadHandler
{
    /// <summary>Returns where to send the bytes.</summary>
    public static async Task<VideoUpload> Handle(RequestVideoUpload command, IDocumentSession session, IVideoProvider provider, VideoOptions options,
        IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, await CourseReads.CourseIdOf(session, command.LessonId, cancellation), cancellation);
        var course = stream.Aggregate!;
        var upload = await provider.CreateUpload(command.VideoId, command.FileName, command.SizeBytes, cancellation);
        var replaced = course.Draft.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == command.LessonId)?.Video;
        stream.AppendMany(LessonVideo.RequestUpload(course, command, provider.Name, upload.ProviderVideoId, options.MaxUploadBytes, clock.GetUtcNow()));
        // A published course may still show the old video until the next publish: only a draft-only video goes at once.
        if (replaced is not null && !(course.Published ?? []).SelectMany(m => m.Lessons).Any(l => l.Video?.Id == replaced.Id))
            await messages.PublishAsync(new DeleteProviderVideo(replaced.Provider, replaced.ProviderVideoId));
        return upload;
    }
}
