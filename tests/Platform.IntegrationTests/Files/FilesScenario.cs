using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.IntegrationTests.Support;
using SkiaSharp;

namespace Platform.IntegrationTests.Files;

/// <summary>The app with the local file store in a folder of its own and a clock the tests move.</summary>
public class FilesPlatformApp : PlatformApp
{
    public string FilesPath { get; } = Path.Combine(Path.GetTempPath(), $"platform-files-{Guid.NewGuid():N}");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Files:Path"] = FilesPath,
        ["Files:SigningKeyPath"] = Path.Combine(FilesPath, "signing.key"),
        ["Files:DownloadLifetime"] = "00:01:00",
        ["Files:ProcessingAttempts"] = "2",
        ["Files:ProcessingRetryDelay"] = "00:00:00.100",
        ["RateLimits:Mutations:PermitLimit"] = "100000",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(FilesPath)) Directory.Delete(FilesPath, recursive: true);
    }
}

/// <summary>Uploads through GraphQL and the returned URL, as a browser does, and images made on the spot.</summary>
public static class FilesScenario
{
    public const string FileFields = "id purpose status fileName contentType sizeBytes failureReason failedAttempts url thumbnailUrl variants { name width height url }";

    public static async Task<JsonElement> RequestUpload(GraphQLClient client, string purpose, string fileName, string contentType, long size) =>
        (await client.Data("mutation($i: RequestFileUploadInput!) { requestFileUpload(input: $i) { fileId uploadUrl method headers { name value } expiresAt } }",
            new { i = new { purpose, fileName, contentType, sizeBytes = size } })).GetProperty("requestFileUpload");

    /// <summary>PUTs the bytes the way the upload's answer says (its URL and headers); a relative URL goes to the app itself.</summary>
    public static async Task<HttpResponseMessage> Put(HttpClient http, JsonElement upload, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        foreach (var header in upload.GetProperty("headers").EnumerateArray())
            if (header.GetProperty("name").GetString() == "Content-Type") content.Headers.ContentType = MediaTypeHeaderValue.Parse(header.GetProperty("value").GetString()!);
        return await http.PutAsync(Target(http, upload.GetProperty("uploadUrl").GetString()!), content);
    }

    /// <summary>The app's own URLs go through its test server (path and query only); others as they are.</summary>
    public static string Target(HttpClient http, string url) => http.BaseAddress is null ? url : new Uri(url).PathAndQuery;

    public static Task<GraphQLResponse> Complete(GraphQLClient client, string fileId) =>
        client.Send($"mutation($f: ID!) {{ completeFileUpload(fileId: $f) {{ {FileFields} }} }}", new { f = fileId });

    /// <summary>Request, PUT and complete; returns the file id.</summary>
    public static async Task<string> Uploaded(GraphQLClient client, HttpClient http, string purpose, string fileName, string contentType, byte[] bytes)
    {
        var upload = await RequestUpload(client, purpose, fileName, contentType, bytes.Length);
        using var put = await Put(http, upload, bytes);
        put.EnsureSuccessStatusCode();
        var fileId = upload.GetProperty("fileId").GetString()!;
        var completed = await Complete(client, fileId);
        Assert.Null(completed.Errors);
        return fileId;
    }

    public static async Task<JsonElement?> FileAs(GraphQLClient client, string fileId)
    {
        var response = await client.Send($"query($f: ID!) {{ file(id: $f) {{ {FileFields} }} }}", new { f = fileId });
        return response.Errors is null ? response.Body.GetProperty("data").GetProperty("file") : null;
    }

    /// <summary>Waits until the image's processing has an outcome (READY or FAILED).</summary>
    public static Task<JsonElement?> Processed(GraphQLClient client, string fileId) =>
        Given.Eventually(() => FileAs(client, fileId), f => f?.GetProperty("status").GetString() is "READY" or "FAILED");

    /// <summary>A picture drawn here: a gradient with a circle (no downloads).</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Gold, IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with a GPS position marker, as a phone's photo does.</summary>
    public static byte[] JpegWithExif(int width, int height)
    {
        var jpeg = Image(width, height, SKEncodedImageFormat.Jpeg);
        // APP1 "Exif\0\0" + a big-endian TIFF header with an empty IFD, then the marker text tests look for.
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. "MM\0\u002a\0\0\0\u0008\0\0\0\0\0\0"u8.ToArray(), .. "GPS 52.3676N 4.9041E"u8.ToArray()];
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [jpeg[0], jpeg[1], .. app1, .. jpeg[2..]];
    }
}
