namespace Platform.Api.Files;

/// <summary>Where the browser sends a file's bytes: one PUT to <c>Url</c> with these headers, before the URL expires.</summary>
public sealed record FileUploadTarget(string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

/// <summary>What the store holds under a key: its size and first bytes (enough to tell its kind).</summary>
public sealed record StoredObject(long SizeBytes, byte[] Head);

/// <summary>How a download may be cached: a public image by anyone (a CDN in front), anything else only by the browser that asked.</summary>
public enum FileCaching { Private, Public }

/// <summary>
/// The file storage port: local disk by default (signed URLs served by this API), any S3-compatible store by
/// configuration (Cloudflare R2, AWS S3, MinIO). Clients upload and download directly with short-lived URLs;
/// the platform itself reads only to check and to process.
/// </summary>
public interface IFileStore
{
    string Name { get; }
    FileUploadTarget UploadTarget(string key, string contentType, long maxBytes);
    /// <summary>A short-lived URL; only ever handed to callers allowed to see what the file belongs to.</summary>
    string DownloadUrl(string key, string contentType, FileCaching caching);
    /// <summary>Null when nothing is stored under the key.</summary>
    Task<StoredObject?> Inspect(string key, CancellationToken cancellation);
    Task<byte[]> Read(string key, CancellationToken cancellation);
    Task Write(string key, byte[] content, string contentType, CancellationToken cancellation);
    /// <summary>Deleting what is not there is not an error.</summary>
    Task Delete(string key, CancellationToken cancellation);
}

/// <summary>The <c>Files</c> configuration section.</summary>
public sealed class FilesOptions
{
    /// <summary><c>local</c> (disk under <see cref="Path"/>) or <c>s3</c> (the <c>S3</c> section).</summary>
    public string Provider { get; set; } = "local";
    public string Path { get; set; } = System.IO.Path.Combine(".platform", "files");
    public string SigningKeyPath { get; set; } = System.IO.Path.Combine(".platform", "keys", "files-signing.key");
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan DownloadLifetime { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Uploads requested and never completed are deleted after this (a scheduled sweep per upload).</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Abuse limits per user: uploads requested in the last hour, and requested ones not yet completed.</summary>
    public int MaxUploadsPerHour { get; set; } = 60;
    public int MaxPendingUploads { get; set; } = 20;
    /// <summary>Image processing: attempts before a failure is final, and the wait before the n-th retry (n × this).</summary>
    public int ProcessingAttempts { get; set; } = 3;
    public TimeSpan ProcessingRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The <c>S3</c> configuration section: any S3-compatible store (R2: <c>https://&lt;account&gt;.r2.cloudflarestorage.com</c>, region <c>auto</c>).</summary>
public sealed class S3Options
{
    public string ServiceUrl { get; set; } = "";
    public string Bucket { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Region { get; set; } = "auto";
    /// <summary>Path-style URLs (<c>host/bucket/key</c>): what R2, MinIO and local servers expect.</summary>
    public bool ForcePathStyle { get; set; } = true;
}

/// <summary>Object keys the platform makes: <c>files/&lt;id&gt;/original</c> and <c>files/&lt;id&gt;/&lt;variant&gt;.webp</c>.</summary>
public static class ObjectKeys
{
    public static string Original(Guid fileId) => $"files/{fileId:N}/original";
    public static string Variant(Guid fileId, string variant) => $"files/{fileId:N}/{variant}.webp";

    /// <summary>Only keys of that shape: a key from a URL never walks out of the store's folder.</summary>
    public static bool IsValid(string key) => System.Text.RegularExpressions.Regex.IsMatch(key, "^files/[0-9a-f]{32}/[a-z]+(\\.webp)?$");
}
