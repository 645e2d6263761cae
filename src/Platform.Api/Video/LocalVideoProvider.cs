using System.Security.Cryptography;
using System.Text;
using Platform.Api.Infrastructure;

namespace Platform.Api.Video;

/// <summary>
/// The embedded video provider: files under <c>.platform/media/</c>, uploaded and played through our own API with
/// HMAC-signed URLs that expire. The signing key is made once on disk.
/// </summary>
public sealed class LocalVideoProvider(VideoOptions options, IConfiguration configuration, TimeProvider clock) : IVideoProvider
{
    private readonly byte[] key = LoadOrCreateKey(options.SigningKeyPath);
    private readonly string origin = (configuration["PLATFORM_URL"] is { Length: > 0 } url ? url : PlatformUrlConfiguration.DefaultUrl).TrimEnd('/');

    public string Name => "local";

    public Task<VideoUpload> CreateUpload(Guid videoId, string fileName, long sizeBytes, CancellationToken cancellation) =>
        Task.FromResult(new VideoUpload(Signed($"{origin}/media/uploads/{videoId}", "upload", videoId.ToString(), options.UploadLifetime), videoId.ToString(), VideoUploadMethod.Put));

    public string PlaybackUrl(string providerVideoId) =>
        Signed($"{origin}/media/videos/{providerVideoId}", "play", providerVideoId, options.PlaybackLifetime);

    /// <summary>True when the signature matches and has not expired; compared in constant time.</summary>
    public bool Verify(string purpose, string videoId, string? expires, string? signature)
    {
        if (!long.TryParse(expires, out var unix) || signature is null || clock.GetUtcNow().ToUnixTimeSeconds() > unix) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, Sign(purpose, videoId, unix));
    }

    public Task Delete(string providerVideoId, CancellationToken cancellation)
    {
        File.Delete(PathOf(providerVideoId));
        return Task.CompletedTask;
    }

    public string PathOf(string videoId) => Path.Combine(Path.GetFullPath(options.MediaPath), videoId);

    private string Signed(string url, string purpose, string videoId, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        return $"{url}?expires={expires}&sig={Convert.ToHexStringLower(Sign(purpose, videoId, expires))}";
    }

    private byte[] Sign(string purpose, string videoId, long expires) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}:{videoId}:{expires}"));

    /// <summary>A 32-byte HMAC key made once at <paramref name="path"/> (owner-only), shared by the local media and file stores.</summary>
    internal static byte[] LoadOrCreateKey(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temporary = $"{full}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(temporary, full); }
            catch (IOException) { File.Delete(temporary); } // another process made it first
        }
        return File.ReadAllBytes(full);
    }
}
