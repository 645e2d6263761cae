using Marten;
using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;
using Wolverine;

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
        IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CourseOutline>(
            await CourseBuildingHandler.CourseIdOf(session, command.LessonId, cancellation), cancellation);
        var course = stream.Aggregate ?? throw DomainException.NotFound("The course");
        var upload = await provider.CreateUpload(command.VideoId, command.FileName, command.SizeBytes, cancellation);
        var replaced = course.Draft.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == command.LessonId)?.Video;
        stream.AppendMany(Decide(course, command, provider.Name, upload.ProviderVideoId, options.MaxUploadBytes, clock.GetUtcNow()));
        // A published course may still show the old video until the next publish: only a draft-only video goes at once.
        if (replaced is not null && !(course.Published ?? []).SelectMany(m => m.Lessons).Any(l => l.Video?.Id == replaced.Id))
            await messages.PublishAsync(new DeleteProviderVideo(replaced.Provider, replaced.ProviderVideoId));
        return upload;
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
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Cloudflare").Get<CloudflareOptions>() ?? new CloudflareOptions());
        builder.Services.AddSingleton<LocalVideoProvider>();
        builder.Services.AddHttpClient(nameof(CloudflareVideoProvider));
        builder.Services.AddSingleton(s => new CloudflareVideoProvider(
            s.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CloudflareVideoProvider)),
            s.GetRequiredService<CloudflareOptions>(), options, s.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IVideoProvider>(options.Provider.ToLowerInvariant() switch
        {
            "local" => s => s.GetRequiredService<LocalVideoProvider>(),
            "cloudflare" => s => s.GetRequiredService<CloudflareVideoProvider>(),
            _ => throw new InvalidOperationException($"Video__Provider is 'local' or 'cloudflare', not '{options.Provider}'."),
        });
        return builder;
    }
}
