using Marten;
using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Video;

public sealed record RequestVideoUpload(Guid LessonId, Guid VideoId, string FileName, long SizeBytes, Guid RequestedBy);

public static class VideoCommandsHandler
{
    /// <summary>Pure.</summary>
    public static object[] Decide(CourseOutline course, RequestVideoUpload command, string provider, string providerVideoId, long maxBytes, DateTimeOffset now)
    {
        if (course.ModuleOf(command.LessonId) is null) throw DomainException.NotFound("The lesson");
        if (string.IsNullOrWhiteSpace(command.FileName) || command.FileName.Length > 255) throw DomainException.Invalid("Name the file (at most 255 characters).");
        if (command.SizeBytes <= 0 || command.SizeBytes > maxBytes) throw DomainException.Invalid($"A video is 1 byte to {maxBytes} bytes.");
        return [new VideoUploadRequested(course.Id, command.LessonId, command.VideoId, provider, providerVideoId, command.FileName.Trim(), command.SizeBytes, command.RequestedBy, now)];
    }

    /// <summary>Pure: a result for a video already decided changes nothing (providers resend webhooks).</summary>
    public static object[] Decide(CourseOutline course, VideoProcessed message, DateTimeOffset now) =>
        course.LessonOf(message.VideoId)?.Video is not { Status: VideoStatus.Processing } ? []
        : message.Ready ? [new VideoReady(course.Id, message.VideoId, now)]
        : [new VideoFailed(course.Id, message.VideoId, message.FailureReason ?? "Processing failed.", now)];

    /// <summary>Returns where to send the bytes.</summary>
    public static async Task<VideoUpload> Handle(RequestVideoUpload command, IDocumentSession session, IVideoProvider provider, VideoOptions options,
        TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CourseOutline>(
            await CourseBuildingHandler.CourseIdOf(session, command.LessonId, cancellation), cancellation);
        var course = stream.Aggregate ?? throw DomainException.NotFound("The course");
        var upload = await provider.CreateUpload(command.VideoId, command.FileName, command.SizeBytes, cancellation);
        stream.AppendMany(Decide(course, command, provider.Name, upload.ProviderVideoId, options.MaxUploadBytes, clock.GetUtcNow()));
        return upload;
    }

    public static async Task Handle(VideoProcessed message, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var courseId = await CourseBuildingHandler.CourseIdOf(session, message.VideoId, cancellation);
        var stream = await session.Events.FetchForWriting<CourseOutline>(courseId, cancellation);
        stream.AppendMany(Decide(stream.Aggregate!, message, clock.GetUtcNow()));
    }
}

public static class VideoConfiguration
{
    public static WebApplicationBuilder AddVideo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Video").Get<VideoOptions>() ?? new VideoOptions();
        if (!options.Provider.Equals("local", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Video__Provider '{options.Provider}' is not available yet; use 'local'.");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<LocalVideoProvider>();
        builder.Services.AddSingleton<IVideoProvider>(s => s.GetRequiredService<LocalVideoProvider>());
        return builder;
    }
}
