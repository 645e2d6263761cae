using Platform.Api.Infrastructure;
using Platform.Contracts.Video;
using Platform.Projections.Courses;

namespace Platform.Api.Video;

/// <summary>The pure rules of a lesson's video, which lives on its course's stream (decided on <see cref="CourseOutline"/>).</summary>
public static class LessonVideo
{
    public static object[] RequestUpload(CourseOutline course, RequestVideoUpload command, string provider, string providerVideoId, long maxBytes, DateTimeOffset now)
    {
        if (course.ModuleOf(command.LessonId) is null) throw DomainException.NotFound("The lesson");
        if (string.IsNullOrWhiteSpace(command.FileName) || command.FileName.Length > 255) throw DomainException.Invalid("Name the file (at most 255 characters).");
        if (command.SizeBytes <= 0 || command.SizeBytes > maxBytes) throw DomainException.Invalid($"A video is 1 byte to {maxBytes} bytes.");
        return [new VideoUploadRequested(course.Id, command.LessonId, command.VideoId, provider, providerVideoId, command.FileName.Trim(), command.SizeBytes, command.RequestedBy, now)];
    }

    /// <summary>A result for a video already decided changes nothing (providers resend webhooks).</summary>
    public static object[] Processed(CourseOutline course, VideoProcessed message, DateTimeOffset now) =>
        course.LessonOf(message.VideoId)?.Video is not { Status: VideoStatus.Processing } ? []
        : message.Ready ? [new VideoReady(course.Id, message.VideoId, now)]
        : [new VideoFailed(course.Id, message.VideoId, message.FailureReason ?? "Processing failed.", now)];
}
