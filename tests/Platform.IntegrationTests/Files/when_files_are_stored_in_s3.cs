using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Platform.Api.Files;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Files.FilesScenario;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Files;

/// <summary>
/// s3rver (npm <c>@20minutes/s3rver</c>, installed into tests/s3 by the test project's build) on a free local port: an
/// S3-compatible server that checks SigV4 signatures, presigned URLs included (the original <c>s3rver</c> 3.x does not: it
/// accepts any V4 signature). Its default credentials are S3RVER / S3RVER. Unlike a private R2 or S3 bucket it also serves
/// requests that carry no signature at all (it has no bucket policies), so what the tests can show is an altered one refused.
/// </summary>
public sealed class S3PlatformApp : FilesPlatformApp
{
    public const string Bucket = "platform-files";
    private readonly string data = Path.Combine(Path.GetTempPath(), $"platform-s3-{Guid.NewGuid():N}");
    private Process? server;

    public string ServiceUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Files:Provider"] = "s3",
        ["S3:ServiceUrl"] = ServiceUrl,
        ["S3:Bucket"] = Bucket,
        ["S3:AccessKey"] = "S3RVER",
        ["S3:SecretKey"] = "S3RVER",
        ["S3:Region"] = "us-east-1",
    };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(data);
        var script = Path.Combine(TestCluster.RepositoryRoot, "tests", "s3", "s3rver.js");
        Assert.True(File.Exists(Path.Combine(TestCluster.RepositoryRoot, "tests", "s3", "node_modules", "@20minutes", "s3rver", "package.json")),
            "s3rver is missing: run npm install in tests/s3 (the test project's build does it)");
        var start = new ProcessStartInfo("node", [script, "--directory", data, "--address", "127.0.0.1", "--port", new Uri(ServiceUrl).Port.ToString(),
            "--configure-bucket", Bucket, "--silent"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        server = Process.Start(start)!;
        using var http = new HttpClient();
        await Eventually(async () => { try { return (await http.GetAsync(ServiceUrl)).StatusCode != 0; } catch (HttpRequestException) { return false; } }, up => up);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        server?.Kill(entireProcessTree: true);
        await (server?.WaitForExitAsync() ?? Task.CompletedTask);
        Directory.Delete(data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The S3 adapter against a local S3-compatible server: presigned PUT from the "browser", checks, variants, presigned GET, deletion.</summary>
public sealed class when_files_are_stored_in_s3(S3PlatformApp app) : IClassFixture<S3PlatformApp>
{
    private static readonly HttpClient Browser = new();

    [Fact]
    public async Task an_image_goes_up_with_a_presigned_put_and_its_variants_come_down_with_presigned_gets()
    {
        var client = app.Client(Unique("s3"));
        var upload = await RequestUpload(client, "POST_IMAGE", "view.png", "image/png", 50_000);
        var fileId = upload.GetProperty("fileId").GetString()!;
        using var put = await Put(Browser, upload, Image(800, 600));
        Assert.Null((await Complete(client, fileId)).Errors);

        var file = (await Processed(client, fileId))!.Value;
        using var medium = await Browser.GetAsync(file.GetProperty("url").GetString());

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.StartsWith(app.ServiceUrl, upload.GetProperty("uploadUrl").GetString());
        Assert.Equal("READY", file.GetProperty("status").GetString());
        Assert.True(medium.StatusCode == HttpStatusCode.OK, $"{medium.StatusCode}: {await medium.Content.ReadAsStringAsync()} {file.GetProperty("url").GetString()}");
        Assert.Equal("image/webp", FileContent.Sniff(await medium.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task a_presigned_url_with_an_altered_signature_is_refused_by_the_store()
    {
        var client = app.Client(Unique("s3sig"));
        var bytes = Image(40, 40);
        var upload = await RequestUpload(client, "AVATAR", "me.png", "image/png", bytes.Length);
        var forgedUpload = JsonSerializer.SerializeToElement(new { uploadUrl = Forged(upload.GetProperty("uploadUrl").GetString()!), headers = upload.GetProperty("headers") });
        using var forgedPut = await Put(Browser, forgedUpload, bytes);
        using var put = await Put(Browser, upload, bytes);
        var fileId = upload.GetProperty("fileId").GetString()!;
        Assert.Null((await Complete(client, fileId)).Errors);
        var thumbnail = (await Processed(client, fileId))!.Value.GetProperty("thumbnailUrl").GetString()!;
        using var forgedGet = await Browser.GetAsync(Forged(thumbnail));
        using var get = await Browser.GetAsync(thumbnail);

        Assert.Equal(HttpStatusCode.Forbidden, forgedPut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedGet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    /// <summary>The URL with the last digit of its SigV4 signature changed.</summary>
    private static string Forged(string url)
    {
        var signature = System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Signature=([0-9a-f]+)").Groups[1];
        Assert.True(signature.Success, $"no SigV4 signature in {url}");
        var end = signature.Index + signature.Length - 1;
        return url[..end] + (url[end] == '0' ? '1' : '0') + url[(end + 1)..];
    }

    [Fact]
    public async Task a_png_named_pdf_is_refused_and_deleted_from_the_bucket()
    {
        var client = app.Client(Unique("s3pdf"));
        var upload = await RequestUpload(client, "LESSON_ATTACHMENT", "sheet.pdf", "application/pdf", 50_000);
        var fileId = upload.GetProperty("fileId").GetString()!;
        using var put = await Put(Browser, upload, Image(50, 50));

        var completed = await Complete(client, fileId);
        var store = app.Host.Services.GetRequiredService<IFileStore>();
        var gone = await Eventually(async () => await store.Inspect(ObjectKeys.Original(Guid.Parse(fileId)), CancellationToken.None) is null, x => x);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("VALIDATION", completed.FirstErrorCode);
        Assert.True(gone);
    }
}
