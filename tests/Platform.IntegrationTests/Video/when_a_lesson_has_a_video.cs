using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Contracts.Courses;
using Platform.Contracts.Video;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.IntegrationTests.Support;
using Wolverine.Tracking;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Video;

public sealed class VideoPlatformApp : PlatformApp
{
    private readonly string media = Path.Combine(Path.GetTempPath(), $"platform-media-{Guid.NewGuid():N}");

    /// <summary>The app's clock: tests move it past a signed URL's lifetime instead of waiting it out.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Video:MediaPath"] = media,
        ["Video:SigningKeyPath"] = Path.Combine(media, "signing.key"),
        ["Video:MaxUploadBytes"] = "1048576",
        ["Video:PlaybackLifetime"] = "00:00:03",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(media, recursive: true);
    }
}

/// <summary>The local video provider end to end: upload real bytes, processed through the webhook path, signed playback that expires.</summary>
public sealed class when_a_lesson_has_a_video(VideoPlatformApp app) : IClassFixture<VideoPlatformApp>
{
    private static readonly byte[] Video = [.. "\0\0\0\u0018ftypmp42"u8.ToArray(), .. Enumerable.Range(0, 4000).Select(i => (byte)(i % 251))];


    private static string PathAndQuery(string url) => new Uri(url).PathAndQuery;

    private async Task<(string Creator, string Community, string Course, string Lesson)> Lesson()
    {
        var creator = Unique("vid");
        var client = app.Client(creator);
        var community = await Community(client, "Film school", Unique("film-"));
        var course = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Cameras\" }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Basics\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        var lesson = (await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Exposure\" }) { draft { lessons { id } } } }", new { m = module }))
            .GetProperty("addLesson").GetProperty("draft")[0].GetProperty("lessons")[0].GetProperty("id").GetString()!;
        return (creator, community, course, lesson);
    }

    private async Task<JsonElement> RequestUpload(string creator, string lesson, long size) =>
        (await app.Client(creator).Data("mutation($l: ID!, $s: Long!) { requestVideoUpload(lessonId: $l, input: { fileName: \"exposure.mp4\", sizeBytes: $s }) { videoId uploadUrl method } }",
            new { l = lesson, s = size })).GetProperty("requestVideoUpload");

    private async Task<HttpResponseMessage> Put(string uploadUrl, byte[] bytes, string contentType = "video/mp4")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await app.Host.Server.CreateClient().PutAsync(PathAndQuery(uploadUrl), content);
    }

    private async Task<JsonElement> LessonAs(GraphQLClient client, string course) =>
        (await client.Data("query($c: ID!) { course(id: $c) { modules { lessons { video { id status playbackUrl } } } } }", new { c = course }))
            .GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0];

    [Fact]
    public async Task an_uploaded_video_becomes_ready_and_plays_for_enrolled_learners_only_until_the_url_expires()
    {
        var (creator, community, course, lesson) = await Lesson();
        var upload = await RequestUpload(creator, lesson, Video.Length);
        Assert.Equal("PUT", upload.GetProperty("method").GetString());

        HttpResponseMessage? put = null;
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).IncludeExternalTransports()
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ => put = await Put(upload.GetProperty("uploadUrl").GetString()!, Video)));
        await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        var learner = app.Client(Unique("watch"));
        await learner.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        var beforeEnrolling = await LessonAs(learner, course);
        await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        var enrolled = await LessonAs(learner, course);
        var playbackUrl = enrolled.GetProperty("video").GetProperty("playbackUrl").GetString()!;

        using var watched = await app.Host.Server.CreateClient().GetAsync(PathAndQuery(playbackUrl));
        var tampered = PathAndQuery(playbackUrl).Replace("sig=", "sig=00");
        using var forged = await app.Host.Server.CreateClient().GetAsync(tampered);
        app.Clock.Advance(TimeSpan.FromSeconds(4)); // the configured playback lifetime is 3 s
        using var expired = await app.Host.Server.CreateClient().GetAsync(PathAndQuery(playbackUrl));

        Assert.Equal(HttpStatusCode.NoContent, put!.StatusCode);
        Assert.Equal("READY", enrolled.GetProperty("video").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, beforeEnrolling.GetProperty("video").GetProperty("playbackUrl").ValueKind);
        Assert.Equal(HttpStatusCode.OK, watched.StatusCode);
        Assert.Equal(Video, await watched.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains(await app.EventsOf(Guid.Parse(course)), e => e.Data is VideoReady);
    }

    [Fact]
    public async Task uploads_are_checked_for_signature_type_and_size()
    {
        var (creator, _, _, lesson) = await Lesson();
        var upload = (await RequestUpload(creator, lesson, 100)).GetProperty("uploadUrl").GetString()!;

        using var notVideo = await Put(upload, [1, 2, 3], "text/plain");
        using var tooBig = await Put(upload, new byte[101]);
        using var forged = await Put(upload.Replace("sig=", "sig=ff"), [1, 2, 3]);
        var overLimit = await app.Client(creator).Send("mutation($l: ID!) { requestVideoUpload(lessonId: $l, input: { fileName: \"big.mp4\", sizeBytes: 2000000 }) { videoId } }",
            new { l = lesson });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notVideo.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("VALIDATION", overLimit.FirstErrorCode);
    }

    [Fact]
    public async Task only_the_courses_creator_requests_uploads()
    {
        var (_, _, _, lesson) = await Lesson();

        var response = await app.Client(Unique("other")).Send("mutation($l: ID!) { requestVideoUpload(lessonId: $l, input: { fileName: \"x.mp4\", sizeBytes: 10 }) { videoId } }",
            new { l = lesson });

        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
    }
}
