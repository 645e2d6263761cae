using System.Net;
using System.Text;
using Platform.Api.Files;
using Platform.IntegrationTests.Support;
using Wolverine.Tracking;
using static Platform.IntegrationTests.Files.FilesScenario;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Files;

/// <summary>The two-step upload on the local store with real bytes: checks, image variants, signed URLs that expire, the orphan sweep.</summary>
public sealed class when_files_are_uploaded(FilesPlatformApp app) : IClassFixture<FilesPlatformApp>
{
    private HttpClient Http => app.Host.Server.CreateClient();

    [Fact]
    public async Task an_image_gets_variants_without_its_exif_and_its_urls_expire()
    {
        var client = app.Client(Unique("pic"));
        var photo = JpegWithExif(1600, 1200);
        var fileId = await Uploaded(client, Http, "POST_IMAGE", "holiday.jpg", "image/jpeg", photo);

        var file = (await Processed(client, fileId))!.Value;
        var url = file.GetProperty("url").GetString()!;
        using var medium = await Http.GetAsync(Target(Http, url));
        var mediumBytes = await medium.Content.ReadAsByteArrayAsync();
        using var forged = await Http.GetAsync(Target(Http, url).Replace("sig=", "sig=00"));
        app.Clock.Advance(TimeSpan.FromMinutes(3)); // the configured download lifetime is one minute
        using var expired = await Http.GetAsync(Target(Http, url));

        Assert.Equal("READY", file.GetProperty("status").GetString());
        Assert.Equal("image/jpeg", file.GetProperty("contentType").GetString());
        var variants = file.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => (v.GetProperty("width").GetInt32(), v.GetProperty("height").GetInt32()));
        Assert.Equal((256, 192), variants["thumbnail"]);
        Assert.Equal((1280, 960), variants["medium"]);
        Assert.Equal(HttpStatusCode.OK, medium.StatusCode);
        Assert.Equal("image/webp", medium.Content.Headers.ContentType?.MediaType);
        Assert.True(medium.Headers.CacheControl is { Private: true, Public: false });
        Assert.Equal("image/webp", FileContent.Sniff(mediumBytes));
        Assert.Contains("GPS 52.3676N", Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(app.FilesPath, ObjectKeys.Original(Guid.Parse(fileId))))));
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(mediumBytes));
        Assert.DoesNotContain("GPS 52.3676N", Encoding.Latin1.GetString(mediumBytes));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task a_png_named_pdf_is_refused_and_its_bytes_deleted()
    {
        var client = app.Client(Unique("pdf"));
        var upload = await RequestUpload(client, "LESSON_ATTACHMENT", "worksheet.pdf", "application/pdf", 5000);
        using var put = await Put(Http, upload, Image(40, 40));
        var fileId = upload.GetProperty("fileId").GetString()!;

        var completed = await Complete(client, fileId);
        var original = Path.Combine(app.FilesPath, ObjectKeys.Original(Guid.Parse(fileId)));
        var gone = await Eventually(() => Task.FromResult(!File.Exists(original)), x => x);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("VALIDATION", completed.FirstErrorCode);
        Assert.Contains("image/png", completed.Errors!.Value[0].GetProperty("message").GetString());
        Assert.Equal("REFUSED", (await FileAs(client, fileId))!.Value.GetProperty("status").GetString());
        Assert.True(gone);
    }

    [Fact]
    public async Task files_over_their_limit_are_refused_at_the_request_and_at_the_upload()
    {
        var client = app.Client(Unique("big"));
        var tooBigAvatar = await client.Send("mutation { requestFileUpload(input: { purpose: AVATAR, fileName: \"me.png\", contentType: \"image/png\", sizeBytes: 5242881 }) { fileId } }");
        var notAnImage = await client.Send("mutation { requestFileUpload(input: { purpose: AVATAR, fileName: \"me.pdf\", contentType: \"application/pdf\", sizeBytes: 100 }) { fileId } }");
        var upload = await RequestUpload(client, "AVATAR", "me.png", "image/png", 100);
        using var overDeclared = await Put(Http, upload, Image(300, 300));

        Assert.Equal("VALIDATION", tooBigAvatar.FirstErrorCode);
        Assert.Equal("VALIDATION", notAnImage.FirstErrorCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overDeclared.StatusCode);
        Assert.Equal("VALIDATION", (await Complete(client, upload.GetProperty("fileId").GetString()!)).FirstErrorCode); // nothing stored
    }

    [Fact]
    public async Task an_unknown_purpose_is_refused_before_anything_is_recorded()
    {
        var client = app.Client(Unique("what"));

        var response = await client.Send("mutation { requestFileUpload(input: { purpose: BANNER, fileName: \"b.png\", contentType: \"image/png\", sizeBytes: 10 }) { fileId } }");

        Assert.NotNull(response.FirstErrorCode);
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object);
    }

    [Fact]
    public async Task only_the_uploader_completes_and_sees_an_unattached_file()
    {
        var owner = app.Client(Unique("own"));
        var upload = await RequestUpload(owner, "POST_IMAGE", "a.png", "image/png", 1000);
        var fileId = upload.GetProperty("fileId").GetString()!;

        var byOther = await Complete(app.Client(Unique("other")), fileId);
        var seenByOther = await app.Client(Unique("other")).Send("query($f: ID!) { file(id: $f) { id } }", new { f = fileId });

        Assert.Equal("NOT_FOUND", byOther.FirstErrorCode);
        Assert.Equal("NOT_FOUND", seenByOther.FirstErrorCode);
    }

    [Fact]
    public async Task an_image_that_cannot_be_decoded_fails_visibly_after_its_retries()
    {
        var client = app.Client(Unique("bad"));
        byte[] broken = [.. Image(20, 20)[..16], .. Enumerable.Repeat((byte)7, 500)];
        var fileId = await Uploaded(client, Http, "POST_IMAGE", "broken.png", "image/png", broken);

        var file = (await Processed(client, fileId))!.Value;

        Assert.Equal("FAILED", file.GetProperty("status").GetString());
        Assert.Equal(2, file.GetProperty("failedAttempts").GetInt32()); // the configured attempts
        Assert.False(string.IsNullOrEmpty(file.GetProperty("failureReason").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, file.GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task an_upload_never_completed_is_swept_after_a_day_and_a_completed_one_is_kept()
    {
        var client = app.Client(Unique("orphan"));
        var orphan = await RequestUpload(client, "POST_IMAGE", "left.png", "image/png", 5000);
        using var put = await Put(Http, orphan, Image(30, 30));
        var orphanId = Guid.Parse(orphan.GetProperty("fileId").GetString()!);
        var keptId = Guid.Parse(await Uploaded(client, Http, "POST_IMAGE", "kept.png", "image/png", Image(30, 30)));

        await app.Host.InvokeMessageAndWaitAsync(new SweepFileUpload(orphanId));
        var early = (await FileAs(client, orphanId.ToString()))!.Value.GetProperty("status").GetString();
        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.Host.InvokeMessageAndWaitAsync(new SweepFileUpload(orphanId));
        await app.Host.InvokeMessageAndWaitAsync(new SweepFileUpload(keptId));
        var original = Path.Combine(app.FilesPath, ObjectKeys.Original(orphanId));
        var gone = await Eventually(() => Task.FromResult(!File.Exists(original)), x => x);

        Assert.Equal("REQUESTED", early);
        Assert.Contains(await app.EventsOf(orphanId), e => e.Data is Platform.Contracts.Files.FileDeleted);
        Assert.True(gone);
        Assert.DoesNotContain(await app.EventsOf(keptId), e => e.Data is Platform.Contracts.Files.FileDeleted);
    }
}
