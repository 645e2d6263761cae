using Marten;
using Platform.Projections.Courses;
using Wolverine;

namespace Platform.Api.Video;

/// <summary>The local provider's HTTP side: uploads (PUT) and playback (GET with range requests), both on signed, expiring URLs.</summary>
public static class MediaEndpoints
{
    public static WebApplication MapLocalMedia(this WebApplication app)
    {
        app.MapPut("/media/uploads/{videoId:guid}", async (Guid videoId, HttpContext http, LocalVideoProvider media, VideoOptions options,
            IQuerySession reads, IMessageBus bus) =>
        {
            var query = http.Request.Query;
            if (!media.Verify("upload", videoId.ToString(), query["expires"], query["sig"])) return Results.StatusCode(StatusCodes.Status403Forbidden);
            if (http.Request.ContentType?.StartsWith("video/", StringComparison.OrdinalIgnoreCase) != true)
                return Results.Problem("Upload a video (Content-Type video/*).", statusCode: StatusCodes.Status415UnsupportedMediaType);
            var video = (await Courses.CourseReads.CourseContaining(reads, videoId, http.RequestAborted))?.LessonOf(videoId)?.Video;
            if (video is null) return Results.NotFound();
            var limit = Math.Min(video.SizeBytes, options.MaxUploadBytes);
            if (http.Request.ContentLength > limit) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

            var path = media.PathOf(videoId.ToString());
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.part";
            long written;
            await using (var file = File.Create(temporary))
            {
                var buffer = new byte[81920];
                written = 0;
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
                {
                    written += read;
                    if (written > limit)
                    {
                        file.Close();
                        File.Delete(temporary);
                        return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                }
            }
            File.Move(temporary, path, overwrite: true);
            // "Processing" finishes on a durable queue, through the same message a provider's webhook becomes.
            await bus.PublishAsync(new VideoProcessed(videoId, written > 0, written > 0 ? null : "The upload was empty."));
            return Results.NoContent();
        });

        app.MapGet("/media/videos/{videoId:guid}", (Guid videoId, HttpContext http, LocalVideoProvider media) =>
        {
            var query = http.Request.Query;
            if (!media.Verify("play", videoId.ToString(), query["expires"], query["sig"])) return Results.StatusCode(StatusCodes.Status403Forbidden);
            var path = media.PathOf(videoId.ToString());
            if (!File.Exists(path)) return Results.NotFound();
            var start = new byte[12];
            using (var file = File.OpenRead(path)) file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            return Results.File(path, DemoVideo.MediaTypeOf(start), enableRangeProcessing: true);
        });
        return app;
    }
}
