using System.Net;
using Platform.Contracts;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Files.FilesScenario;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Files;

/// <summary>The app as <c>./platform up</c> starts it (demo data), with its files in a folder of its own.</summary>
public sealed class FilesDemoApp : PlatformApp
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"platform-demo-files-{Guid.NewGuid():N}");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Platform:DemoData"] = "true",
        ["Files:Path"] = path,
        ["Files:SigningKeyPath"] = Path.Combine(path, "signing.key"),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}

public sealed class when_the_demo_data_has_files(FilesDemoApp app) : IClassFixture<FilesDemoApp>
{
    private HttpClient Http => app.Host.Server.CreateClient();

    [Fact]
    public async Task everyone_has_a_processed_avatar_the_welcome_post_a_photo_and_the_bracing_lesson_a_worksheet()
    {
        var dave = app.Client("dave");
        var bob = await Eventually(async () => (await dave.Data("{ profile(handle: \"bob\") { avatar { status thumbnailUrl } } }")).GetProperty("profile").GetProperty("avatar"),
            avatar => avatar.ValueKind != System.Text.Json.JsonValueKind.Null && avatar.GetProperty("status").GetString() == "READY");
        using var avatar = await Http.GetAsync(Target(Http, bob.GetProperty("thumbnailUrl").GetString()!));
        var welcome = (await dave.Data("query($p: ID!) { post(id: $p) { images { id } } }", new { p = DeterministicId.From("demo", "post", "welcome") }))
            .GetProperty("post");
        var photo = await Processed(dave, welcome.GetProperty("images")[0].GetProperty("id").GetString()!);
        using var medium = await Http.GetAsync(Target(Http, photo!.Value.GetProperty("url").GetString()!));
        var draft = (await app.Client("alice").Data("query($c: ID!) { course(id: $c) { draft { lessons { title attachments { url } } } } }",
            new { c = DeterministicId.From("demo", "course", "first-guitar") })).GetProperty("course").GetProperty("draft");
        var bracing = draft.EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()).Single(l => l.GetProperty("title").GetString() == "X bracing, step by step");
        using var worksheet = await Http.GetAsync(Target(Http, bracing.GetProperty("attachments")[0].GetProperty("url").GetString()!));

        Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
        Assert.Equal("image/webp", avatar.Content.Headers.ContentType?.MediaType);
        Assert.Equal("READY", photo.Value.GetProperty("status").GetString());
        Assert.Equal(["thumbnail", "medium"], photo.Value.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, medium.StatusCode);
        Assert.Equal(HttpStatusCode.OK, worksheet.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await worksheet.Content.ReadAsByteArrayAsync())[..4]);
    }
}
