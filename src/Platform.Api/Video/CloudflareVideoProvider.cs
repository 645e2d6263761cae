using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Api.Video;

/// <summary>The <c>Cloudflare</c> configuration section. <c>ApiBase</c> is an origin; the adapter adds <c>/client/v4/...</c>.</summary>
public sealed class CloudflareOptions
{
    public string AccountId { get; set; } = "";
    public string ApiToken { get; set; } = "";
    public string ApiBase { get; set; } = "https://api.cloudflare.com";
    public string WebhookSecret { get; set; } = "";
    /// <summary>The id of the Stream signing key, and its PEM base64-encoded as Cloudflare hands it out.</summary>
    public string SigningKeyId { get; set; } = "";
    public string SigningKeyPem { get; set; } = "";
    public string PlaybackOrigin { get; set; } = "https://videodelivery.net";
    public int MaxDurationSeconds { get; set; } = 4 * 3600;
}

/// <summary>Cloudflare Stream: direct creator uploads, status, deletion and signed playback tokens (RS256 with a key id).</summary>
public sealed class CloudflareVideoProvider(HttpClient http, CloudflareOptions options, VideoOptions video, TimeProvider clock) : IVideoProvider
{
    private readonly Lazy<RsaSecurityKey> signingKey = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(options.SigningKeyPem)));
        return new RsaSecurityKey(rsa) { KeyId = options.SigningKeyId };
    });

    public string Name => "cloudflare";

    private string Api(string path) => $"{options.ApiBase.TrimEnd('/')}/client/v4/accounts/{options.AccountId}/stream{path}";

    /// <summary>Cloudflare's basic direct upload takes one multipart POST of at most this many bytes; larger files need tus.</summary>
    public const long BasicUploadMaxBytes = 200L * 1024 * 1024;

    public async Task<VideoUpload> CreateUpload(Guid videoId, string fileName, long sizeBytes, CancellationToken cancellation)
    {
        var expiry = clock.GetUtcNow().Add(video.UploadLifetime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (sizeBytes > BasicUploadMaxBytes) return await CreateTusUpload(videoId, fileName, sizeBytes, expiry, cancellation);
        var body = new
        {
            maxDurationSeconds = options.MaxDurationSeconds,
            expiry,
            requireSignedURLs = true,
            meta = new Dictionary<string, string> { ["name"] = fileName, ["videoId"] = videoId.ToString() },
        };
        var result = await Send<DirectUpload>(HttpMethod.Post, Api("/direct_upload"), body, cancellation);
        return new VideoUpload(result.UploadUrl, result.Uid, VideoUploadMethod.PostMultipart);
    }

    /// <summary>
    /// A direct creator upload over tus: <c>POST /stream?direct_user=true</c> with the size and the same settings as
    /// tus metadata (base64 values); Cloudflare answers 201 with the URL to upload to in <c>Location</c> and the video's
    /// id in <c>stream-media-id</c>.
    /// </summary>
    private async Task<VideoUpload> CreateTusUpload(Guid videoId, string fileName, long sizeBytes, string expiry, CancellationToken cancellation)
    {
        static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        using var request = Request(HttpMethod.Post, Api("?direct_user=true"), null);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", sizeBytes.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", string.Join(',',
            $"name {Base64(fileName)}",
            $"maxDurationSeconds {Base64(options.MaxDurationSeconds.ToString(CultureInfo.InvariantCulture))}",
            $"expiry {Base64(expiry)}",
            "requiresignedurls",
            $"videoId {Base64(videoId.ToString())}"));
        using var response = await http.SendAsync(request, cancellation);
        if (response.StatusCode != System.Net.HttpStatusCode.Created || response.Headers.Location is not { } location
            || !response.Headers.TryGetValues("stream-media-id", out var ids))
            throw new HttpRequestException($"Cloudflare Stream refused a tus upload of {sizeBytes} bytes: {(int)response.StatusCode}");
        return new VideoUpload(location.ToString(), ids.First(), VideoUploadMethod.Tus);
    }

    /// <summary>Ready only when <c>status.state</c> says so: <c>readyToStream</c> alone is not enough.</summary>
    public async Task<VideoProcessed?> Status(Guid videoId, string uid, CancellationToken cancellation)
    {
        var details = await Send<VideoDetails>(HttpMethod.Get, Api($"/{uid}"), null, cancellation);
        return ToProcessed(videoId, details);
    }

    public async Task Delete(string uid, CancellationToken cancellation)
    {
        using var request = Request(HttpMethod.Delete, Api($"/{uid}"), null);
        using var response = await http.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            throw new HttpRequestException($"Cloudflare Stream refused to delete {uid}: {(int)response.StatusCode}");
    }

    public string PlaybackUrl(string providerVideoId)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", providerVideoId), new Claim("kid", options.SigningKeyId)]),
            Expires = clock.GetUtcNow().Add(video.PlaybackLifetime).UtcDateTime,
            NotBefore = clock.GetUtcNow().UtcDateTime.AddMinutes(-1),
            SigningCredentials = new SigningCredentials(signingKey.Value, SecurityAlgorithms.RsaSha256),
        });
        return $"{options.PlaybackOrigin.TrimEnd('/')}/{token}/manifest/video.m3u8";
    }

    public static VideoProcessed? ToProcessed(Guid videoId, VideoDetails details) => details.Status?.State switch
    {
        "ready" => new VideoProcessed(videoId, true, null),
        "error" => new VideoProcessed(videoId, false, details.Status.ErrorReasonCode ?? details.Status.ErrReasonCode ?? "error"),
        _ => null,
    };

    private HttpRequestMessage Request(HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", options.ApiToken);
        return request;
    }

    private async Task<T> Send<T>(HttpMethod method, string url, object? body, CancellationToken cancellation)
    {
        using var request = Request(method, url, body);
        using var response = await http.SendAsync(request, cancellation);
        var envelope = await response.Content.ReadFromJsonAsync<Envelope<T>>(cancellation);
        if (!response.IsSuccessStatusCode || envelope is not { Success: true, Result: not null })
            throw new HttpRequestException($"Cloudflare Stream answered {(int)response.StatusCode}: " +
                string.Join("; ", envelope?.Errors?.Select(e => $"{e.Code} {e.Message}") ?? []));
        return envelope.Result;
    }

    private sealed record Envelope<T>(T? Result, bool Success, List<ApiError>? Errors);

    private sealed record ApiError(int Code, string Message);

    private sealed record DirectUpload([property: JsonPropertyName("uploadURL")] string UploadUrl, string Uid);
}

/// <summary>What Cloudflare says of a video, in API answers and webhooks alike.</summary>
public sealed record VideoDetails(string Uid, bool ReadyToStream, VideoState? Status, Dictionary<string, JsonElement>? Meta);

/// <summary><c>pctComplete</c> arrives as a string; both spellings of the error reason are accepted.</summary>
public sealed record VideoState(string? State, string? PctComplete, string? ErrorReasonCode, string? ErrReasonCode);
