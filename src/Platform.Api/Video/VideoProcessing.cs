using Marten;
using Platform.Api.Courses;

namespace Platform.Api.Video;

/// <summary>What happens after an upload: the provider's result lands on the course stream, a replaced video is deleted.</summary>
public static class VideoProcessingHandler
{
    public static async Task Handle(VideoProcessed message, IDocumentSession session, TimeProvider clock, ILogger<VideoProcessed> logger,
        CancellationToken cancellation)
    {
        // A signed webhook for a video no lesson has (deleted with its course, another environment's) is logged and done with:
        // failing would dead-letter it once per resend, and there is nothing to retry.
        if (await CourseReads.CourseContaining(session, message.VideoId, cancellation) is not { } course)
        {
            logger.LogWarning("Video {VideoId} finished processing (ready: {Ready}) but no lesson has it; left alone", message.VideoId, message.Ready);
            return;
        }
        var stream = await CourseReads.ForWriting(session, course.Id, cancellation);
        stream.AppendMany(LessonVideo.Processed(stream.Aggregate!, message, clock.GetUtcNow()));
    }

    public static async Task Handle(DeleteProviderVideo message, IVideoProvider provider, ILogger<DeleteProviderVideo> logger, CancellationToken cancellation)
    {
        if (message.Provider != provider.Name)
        {
            logger.LogWarning("Video {ProviderVideoId} belongs to provider {Provider}, not the configured one; left in place", message.ProviderVideoId, message.Provider);
            return;
        }
        await provider.Delete(message.ProviderVideoId, cancellation);
    }
}
