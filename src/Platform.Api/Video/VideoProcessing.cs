using Marten;
using Platform.Api.Courses;

namespace Platform.Api.Video;

/// <summary>What happens after an upload: the provider's result lands on the course stream, a replaced video is deleted.</summary>
public static class VideoProcessingHandler
{
    public static async Task Handle(VideoProcessed message, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, await CourseReads.CourseIdOf(session, message.VideoId, cancellation), cancellation);
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
