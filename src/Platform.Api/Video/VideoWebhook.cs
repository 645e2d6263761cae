using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wolverine;

namespace Platform.Api.Video;

/// <summary><c>POST /webhooks/video</c>: Cloudflare Stream's notifications, verified on the raw body, handed to a durable queue.</summary>
public static class VideoWebhook
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>Webhook-Signature: time=UNIX,sig1=HEX</c> where sig1 = HMAC-SHA256(secret, "{time}.{body}"): true when it
    /// matches (compared in constant time) and the time is within the tolerance.
    /// </summary>
    public static bool Verify(string? header, string body, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret)) return false;
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("time", out var time) || !long.TryParse(time, out var unix) || !parts.TryGetValue("sig1", out var sig)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > Tolerance) return false;
        byte[] given;
        try { given = Convert.FromHexString(sig); }
        catch (FormatException) { return false; }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{time}.{body}"));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static WebApplication MapVideoWebhook(this WebApplication app)
    {
        app.MapPost("/webhooks/video", async (HttpContext http, CloudflareOptions options, TimeProvider clock, IMessageBus bus, ILogger<VideoDetails> logger) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            if (!Verify(http.Request.Headers["Webhook-Signature"], body, options.WebhookSecret, clock.GetUtcNow()))
                return Results.Problem("The webhook signature is missing, wrong or stale.", statusCode: StatusCodes.Status400BadRequest);
            VideoDetails? details;
            try { details = JsonSerializer.Deserialize<VideoDetails>(body, JsonSerializerOptions.Web); }
            catch (JsonException) { return Results.Problem("The webhook body is not a video.", statusCode: StatusCodes.Status400BadRequest); }
            // Our id travels in the video's meta; a video we did not make is acknowledged and left alone.
            if (details?.Meta?.GetValueOrDefault("videoId") is { ValueKind: JsonValueKind.String } id && Guid.TryParse(id.GetString(), out var videoId))
            {
                if (CloudflareVideoProvider.ToProcessed(videoId, details) is { } processed) await bus.PublishAsync(processed);
            }
            else
            {
                logger.LogWarning("Video webhook for {Uid} names no video of ours; acknowledged", details?.Uid);
            }
            return Results.Ok();
        });
        return app;
    }
}
