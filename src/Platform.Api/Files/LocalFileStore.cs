using System.Security.Cryptography;
using System.Text;
using Platform.Api.Infrastructure;
using Platform.Api.Video;

namespace Platform.Api.Files;

/// <summary>
/// The embedded file store: objects under <c>.platform/files/</c>, uploaded and downloaded through this API on
/// HMAC-signed URLs that expire (see <see cref="FileEndpoints"/>). What a URL allows (the operation, the key, the
/// size cap, the content type, the caching) is inside its signature.
/// </summary>
public sealed class LocalFileStore(FilesOptions options, IConfiguration configuration, TimeProvider clock) : IFileStore
{
    private readonly byte[] key = LocalVideoProvider.LoadOrCreateKey(options.SigningKeyPath);
    private readonly string origin = (configuration["PLATFORM_URL"] is { Length: > 0 } url ? url : PlatformUrlConfiguration.DefaultUrl).TrimEnd('/');
    private readonly string root = Path.GetFullPath(options.Path);

    public string Name => "local";

    public FileUploadTarget UploadTarget(string objectKey, string contentType, long maxBytes)
    {
        var expires = clock.GetUtcNow().Add(options.UploadLifetime);
        var fields = new UploadGrant(objectKey, contentType, maxBytes, expires.ToUnixTimeSeconds());
        return new FileUploadTarget($"{origin}/files/{objectKey}?expires={fields.Expires}&max={maxBytes}&ct={Uri.EscapeDataString(contentType)}&sig={Hex(Sign(fields.Signed))}",
            new Dictionary<string, string> { ["Content-Type"] = contentType }, expires);
    }

    /// <summary>
    /// A public image's URL expires at the end of a window (one to two lifetimes away), so everyone asking within a
    /// window gets the same URL and a CDN in front serves it from cache.
    /// </summary>
    public string DownloadUrl(string objectKey, string contentType, FileCaching caching)
    {
        var lifetime = (long)options.DownloadLifetime.TotalSeconds;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var expires = caching == FileCaching.Public ? (now / lifetime + 2) * lifetime : now + lifetime;
        var grant = new DownloadGrant(objectKey, contentType, caching, expires);
        return $"{origin}/files/{objectKey}?expires={expires}&ct={Uri.EscapeDataString(contentType)}&cache={caching.ToString().ToLowerInvariant()}&sig={Hex(Sign(grant.Signed))}";
    }

    public Task<StoredObject?> Inspect(string objectKey, CancellationToken cancellation)
    {
        var path = PathOf(objectKey);
        if (!File.Exists(path)) return Task.FromResult<StoredObject?>(null);
        using var file = File.OpenRead(path);
        var head = new byte[16];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Task.FromResult<StoredObject?>(new StoredObject(file.Length, head[..read]));
    }

    public Task<byte[]> Read(string objectKey, CancellationToken cancellation) => File.ReadAllBytesAsync(PathOf(objectKey), cancellation);

    public async Task Write(string objectKey, byte[] content, string contentType, CancellationToken cancellation)
    {
        var path = PathOf(objectKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(temporary, content, cancellation);
        File.Move(temporary, path, overwrite: true);
    }

    public Task Delete(string objectKey, CancellationToken cancellation)
    {
        File.Delete(PathOf(objectKey));
        return Task.CompletedTask;
    }

    public string PathOf(string objectKey) =>
        ObjectKeys.IsValid(objectKey) ? Path.Combine(root, objectKey) : throw new ArgumentException($"Not an object key: {objectKey}", nameof(objectKey));

    /// <summary>True when the signature matches the grant and has not expired; compared in constant time.</summary>
    public bool Verify(string signed, long expires, string? signature)
    {
        if (signature is null || clock.GetUtcNow().ToUnixTimeSeconds() > expires) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, Sign(signed));
    }

    private byte[] Sign(string signed) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>What a signed upload URL allows.</summary>
public sealed record UploadGrant(string Key, string ContentType, long MaxBytes, long Expires)
{
    public string Signed => $"put\n{Key}\n{ContentType}\n{MaxBytes}\n{Expires}";
}

/// <summary>What a signed download URL allows.</summary>
public sealed record DownloadGrant(string Key, string ContentType, FileCaching Caching, long Expires)
{
    public string Signed => $"get\n{Key}\n{ContentType}\n{Caching}\n{Expires}";
}
