using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Video;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;
using Wolverine.Tracking;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Video;

/// <summary>A local stand-in for Cloudflare Stream's API: its paths, bearer auth and result envelopes.</summary>
public sealed class FakeCloudflare : IAsyncDisposable
{
    public const string Account = "acct123";
    public const string Token = "cf-api-token";
    private WebApplication app = null!;

    public string Origin { get; private set; } = "";
    public ConcurrentQueue<JsonElement> Uploads { get; } = new();
    public ConcurrentQueue<string> Deleted { get; } = new();
    /// <summary>The tus creation requests' headers (Upload-Length, Upload-Metadata), by the video id Cloudflare gave.</summary>
    public ConcurrentDictionary<string, Dictionary<string, string>> TusUploads { get; } = new();
    public ConcurrentDictionary<string, object> States { get; } = new();

    public static async Task<FakeCloudflare> Start()
    {
        var fake = new FakeCloudflare();
        (fake.app, fake.Origin) = await LoopbackServer.Start(app => fake.Map(app));
        return fake;
    }

    private void Map(WebApplication app)
    {
        var fake = this;
        static object Envelope(object? result) => new { result, success = true, errors = Array.Empty<object>(), messages = Array.Empty<object>() };
        static bool Authorized(HttpContext http) => http.Request.Headers.Authorization == $"Bearer {Token}";
        var stream = $"/client/v4/accounts/{Account}/stream";
        app.MapPost($"{stream}/direct_upload", async (HttpContext http) =>
        {
            if (!Authorized(http)) return Results.Json(new { result = (object?)null, success = false, errors = new[] { new { code = 10000, message = "Authentication error" } } }, statusCode: 403);
            fake.Uploads.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body));
            var uid = Guid.NewGuid().ToString("N");
            return Results.Json(Envelope(new { uploadURL = $"https://upload.videodelivery.net/{uid}", uid }));
        });
        // tus creation for direct creator uploads over 200 MB: 201, the upload URL in Location, the video id in stream-media-id.
        app.MapPost(stream, (HttpContext http) =>
        {
            if (!Authorized(http)) return Results.StatusCode(403);
            if (http.Request.Query["direct_user"] != "true" || http.Request.Headers["Tus-Resumable"] != "1.0.0"
                || !long.TryParse(http.Request.Headers["Upload-Length"], out _))
                return Results.StatusCode(400);
            var uid = Guid.NewGuid().ToString("N");
            fake.TusUploads[uid] = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            http.Response.Headers["stream-media-id"] = uid;
            http.Response.Headers.Location = $"https://upload.videodelivery.net/tus/{uid}?tusv2=true";
            http.Response.Headers["Tus-Resumable"] = "1.0.0";
            return Results.StatusCode(201);
        });
        app.MapGet($"{stream}/{{uid}}", (string uid, HttpContext http) =>
            !Authorized(http) ? Results.StatusCode(403) : Results.Json(Envelope(fake.States.GetValueOrDefault(uid) ?? new { uid, readyToStream = false, status = new { state = "queued" } })));
        app.MapDelete($"{stream}/{{uid}}", (string uid, HttpContext http) =>
        {
            if (!Authorized(http)) return Results.StatusCode(403);
            fake.Deleted.Enqueue(uid);
            return Results.Json(Envelope(null));
        });
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public sealed class CloudflarePlatformApp : PlatformApp
{
    public const string WebhookSecret = "cf-webhook-secret";
    public RSA SigningKey { get; } = RSA.Create(2048);
    public FakeCloudflare Cloudflare { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Video:Provider"] = "cloudflare",
        ["Cloudflare:AccountId"] = FakeCloudflare.Account,
        ["Cloudflare:ApiToken"] = FakeCloudflare.Token,
        ["Cloudflare:ApiBase"] = Cloudflare.Origin,
        ["Cloudflare:WebhookSecret"] = WebhookSecret,
        ["Cloudflare:SigningKeyId"] = "key-1",
        ["Cloudflare:SigningKeyPem"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(SigningKey.ExportPkcs8PrivateKeyPem())),
    };

    public override async Task InitializeAsync()
    {
        Cloudflare = await FakeCloudflare.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Cloudflare.DisposeAsync();
    }
}

public sealed class when_videos_are_hosted_on_cloudflare(CloudflarePlatformApp app) : IClassFixture<CloudflarePlatformApp>
{

    private async Task<(string Creator, string Community, string Course, string Lesson)> Lesson()
    {
        var creator = Unique("cf");
        var client = app.Client(creator);
        var community = await Community(client, "Streamers", Unique("stream-"));
        var course = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Lighting\" }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Key light\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        var lesson = (await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Softboxes\" }) { draft { lessons { id } } } }", new { m = module }))
            .GetProperty("addLesson").GetProperty("draft")[0].GetProperty("lessons")[0].GetProperty("id").GetString()!;
        return (creator, community, course, lesson);
    }

    private async Task<(string VideoId, string UploadUrl)> RequestUpload(string creator, string lesson)
    {
        var upload = (await app.Client(creator).Data("mutation($l: ID!) { requestVideoUpload(lessonId: $l, input: { fileName: \"soft.mp4\", sizeBytes: 1000 }) { videoId uploadUrl } }",
            new { l = lesson })).GetProperty("requestVideoUpload");
        return (upload.GetProperty("videoId").GetString()!, upload.GetProperty("uploadUrl").GetString()!);
    }

    private static string Webhook(string uid, string videoId, string state) =>
        JsonSerializer.Serialize(new { uid, readyToStream = state == "ready", status = new { state, pctComplete = "100.000000" }, meta = new { videoId } });

    private async Task<HttpResponseMessage> Deliver(string body, long? time = null, string secret = CloudflarePlatformApp.WebhookSecret)
    {
        var at = (time ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString();
        var sig = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{at}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/video") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Webhook-Signature", $"time={at},sig1={sig}");
        return await app.Host.Server.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task a_direct_upload_is_created_with_the_fields_cloudflare_expects()
    {
        var (creator, _, _, lesson) = await Lesson();

        var (videoId, uploadUrl) = await RequestUpload(creator, lesson);

        var sent = app.Cloudflare.Uploads.Last(u => u.GetProperty("meta").GetProperty("videoId").GetString() == videoId);
        Assert.StartsWith("https://upload.videodelivery.net/", uploadUrl);
        Assert.True(sent.GetProperty("requireSignedURLs").GetBoolean());
        Assert.True(sent.GetProperty("maxDurationSeconds").GetInt32() > 0);
        Assert.True(DateTimeOffset.Parse(sent.GetProperty("expiry").GetString()!) > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task an_upload_up_to_200_mb_is_one_multipart_post_of_the_file_field()
    {
        var (creator, _, _, lesson) = await Lesson();

        var upload = await Describe(creator, lesson, CloudflareVideoProvider.BasicUploadMaxBytes);

        Assert.Equal("POST_MULTIPART", upload.GetProperty("method").GetString());
        Assert.Equal("file", upload.GetProperty("formField").GetString());
        Assert.StartsWith("https://upload.videodelivery.net/", upload.GetProperty("uploadUrl").GetString());
    }

    [Fact]
    public async Task an_upload_over_200_mb_uses_cloudflares_tus_endpoint_with_its_length_and_settings()
    {
        var (creator, _, _, lesson) = await Lesson();
        const long size = 1_500_000_000;

        var upload = await Describe(creator, lesson, size);

        Assert.Equal("TUS", upload.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, upload.GetProperty("formField").ValueKind);
        var uploadUrl = upload.GetProperty("uploadUrl").GetString()!;
        var uid = app.Cloudflare.TusUploads.Keys.Single(k => uploadUrl == $"https://upload.videodelivery.net/tus/{k}?tusv2=true");
        var headers = app.Cloudflare.TusUploads[uid];
        Assert.Equal(size.ToString(), headers["Upload-Length"]);
        var metadata = headers["Upload-Metadata"].Split(',').Select(pair => pair.Split(' '))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? Encoding.UTF8.GetString(Convert.FromBase64String(kv[1])) : "");
        Assert.Equal("soft.mp4", metadata["name"]);
        Assert.Equal(upload.GetProperty("videoId").GetString(), metadata["videoId"]);
        Assert.True(metadata.ContainsKey("requiresignedurls"));
        Assert.True(int.Parse(metadata["maxDurationSeconds"]) > 0);
    }

    private async Task<JsonElement> Describe(string creator, string lesson, long size) =>
        (await app.Client(creator).Data("mutation($l: ID!, $s: Long!) { requestVideoUpload(lessonId: $l, input: { fileName: \"soft.mp4\", sizeBytes: $s }) { videoId uploadUrl method formField } }",
            new { l = lesson, s = size })).GetProperty("requestVideoUpload");

    [Fact]
    public async Task a_signed_webhook_makes_the_video_ready_and_a_playback_token_verifies_with_the_public_key()
    {
        var (creator, community, course, lesson) = await Lesson();
        var (videoId, uploadUrl) = await RequestUpload(creator, lesson);
        var uid = uploadUrl.Split('/').Last();

        HttpResponseMessage? response = null;
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => response = await Deliver(Webhook(uid, videoId, "ready"))));
        await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        var learner = app.Client(Unique("viewer"));
        await learner.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        var video = (await learner.Data("query($c: ID!) { course(id: $c) { modules { lessons { video { status playbackUrl } } } } }", new { c = course }))
            .GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("video");

        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal("READY", video.GetProperty("status").GetString());
        var token = new Uri(video.GetProperty("playbackUrl").GetString()!).Segments[1].TrimEnd('/');
        var checkedToken = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(app.SigningKey.ExportParameters(false)) { KeyId = "key-1" },
            ValidateIssuer = false, ValidateAudience = false, ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.True(checkedToken.IsValid, checkedToken.Exception?.Message);
        Assert.Equal(uid, checkedToken.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("key-1", ((JsonWebToken)checkedToken.SecurityToken).Kid);
    }

    [Fact]
    public async Task a_signed_webhook_for_a_video_no_lesson_has_is_acknowledged_and_handled_without_a_failure()
    {
        HttpResponseMessage? response = null;
        // The tracked session fails on any handler exception, which is what sent such a message to the dead letters once per resend.
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => response = await Deliver(Webhook("uid-unknown", Guid.NewGuid().ToString(), "ready"))));

        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Single(tracked.Executed.MessagesOf<Platform.Api.Video.VideoProcessed>());
    }

    [Fact]
    public async Task a_tampered_stale_or_unsigned_webhook_is_refused_and_appends_nothing()
    {
        var (creator, _, course, lesson) = await Lesson();
        var (videoId, uploadUrl) = await RequestUpload(creator, lesson);
        var body = Webhook(uploadUrl.Split('/').Last(), videoId, "ready");
        var before = (await app.EventsOf(Guid.Parse(course))).Count;

        using var wrongSecret = await Deliver(body, secret: "not-the-secret");
        using var stale = await Deliver(body, time: DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());
        using var unsigned = await app.Host.Server.CreateClient().PostAsync("/webhooks/video", new StringContent(body, Encoding.UTF8, "application/json"));
        var tamperedBody = body.Replace("ready", "error");
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var sig = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(CloudflarePlatformApp.WebhookSecret), Encoding.UTF8.GetBytes($"{at}.{body}")));
        var tampered = new HttpRequestMessage(HttpMethod.Post, "/webhooks/video") { Content = new StringContent(tamperedBody, Encoding.UTF8, "application/json") };
        tampered.Headers.Add("Webhook-Signature", $"time={at},sig1={sig}");
        using var tamperedResponse = await app.Host.Server.CreateClient().SendAsync(tampered);

        Assert.All(new[] { wrongSecret, stale, unsigned, tamperedResponse }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(before, (await app.EventsOf(Guid.Parse(course))).Count);
    }

    [Fact]
    public async Task status_is_ready_only_when_its_state_says_so()
    {
        var provider = app.Host.Services.GetRequiredService<CloudflareVideoProvider>();
        var videoId = Guid.NewGuid();
        app.Cloudflare.States["early"] = new { uid = "early", readyToStream = true, status = new { state = "inprogress", pctComplete = "87.5" } };
        app.Cloudflare.States["done"] = new { uid = "done", readyToStream = true, status = new { state = "ready", pctComplete = "100.000000" } };
        app.Cloudflare.States["broken"] = new { uid = "broken", readyToStream = false, status = new { state = "error", errReasonCode = "ERR_DURATION_EXCEED_CONSTRAINT" } };

        Assert.Null(await provider.Status(videoId, "early", CancellationToken.None));
        Assert.Equal(new VideoProcessed(videoId, true, null), await provider.Status(videoId, "done", CancellationToken.None));
        Assert.Equal(new VideoProcessed(videoId, false, "ERR_DURATION_EXCEED_CONSTRAINT"), await provider.Status(videoId, "broken", CancellationToken.None));
    }

    [Fact]
    public async Task replacing_a_draft_lessons_video_deletes_the_old_one_at_cloudflare()
    {
        var (creator, _, _, lesson) = await Lesson();
        var (_, firstUrl) = await RequestUpload(creator, lesson);

        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => await RequestUpload(creator, lesson)));

        Assert.Contains(firstUrl.Split('/').Last(), app.Cloudflare.Deleted);
    }
}
