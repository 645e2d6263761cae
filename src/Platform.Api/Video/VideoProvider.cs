namespace Platform.Api.Video;

/// <summary>Where and how a creator sends a video's bytes, and the provider's own id for it.</summary>
public sealed record VideoUpload(string UploadUrl, string ProviderVideoId, VideoUploadMethod Method);

/// <summary>How the bytes go to <see cref="VideoUpload.UploadUrl"/>.</summary>
public enum VideoUploadMethod
{
    /// <summary>One PUT with the bytes as the body and the file's video/* Content-Type (the local provider).</summary>
    Put,
    /// <summary>One multipart/form-data POST with the file in the <c>file</c> field (Cloudflare's basic upload, up to 200 MB).</summary>
    PostMultipart,
    /// <summary>The tus resumable upload protocol 1.0.0 against the URL (Cloudflare, larger files).</summary>
    Tus,
}

/// <summary>
/// The video port (VUPL, LESN): local files by default, Cloudflare Stream by configuration. Processing results
/// come back as a <see cref="VideoProcessed"/> message, whichever provider reports them.
/// </summary>
public interface IVideoProvider
{
    string Name { get; }
    Task<VideoUpload> CreateUpload(Guid videoId, string fileName, long sizeBytes, CancellationToken cancellation);
    /// <summary>A short-lived URL to watch the video; only ever handed to callers allowed to watch.</summary>
    string PlaybackUrl(string providerVideoId);
    /// <summary>Removes a video the platform no longer uses (a lesson's replaced video).</summary>
    Task Delete(string providerVideoId, CancellationToken cancellation);
}

/// <summary>Deletes a replaced video at its provider, after the replacement committed (outbox), with retries.</summary>
public sealed record DeleteProviderVideo(string Provider, string ProviderVideoId);

/// <summary>The provider finished processing a video (ready, or failed with a reason).</summary>
public sealed record VideoProcessed(Guid VideoId, bool Ready, string? FailureReason);

/// <summary>The <c>Video</c> configuration section.</summary>
public sealed class VideoOptions
{
    public string Provider { get; set; } = "local";
    public string MediaPath { get; set; } = Path.Combine(".platform", "media");
    public string SigningKeyPath { get; set; } = Path.Combine(".platform", "keys", "media-signing.key");
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan PlaybackLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
