using System.Net;
using Platform.Api.Files;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Files.FilesScenario;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Files;

/// <summary>Files in use: an avatar on a profile, images on posts, downloads only for callers who may see the owner, deletion with the owner.</summary>
public sealed class when_files_belong_to_profiles_and_posts(FilesPlatformApp app) : IClassFixture<FilesPlatformApp>
{
    private HttpClient Http => app.Host.Server.CreateClient();

    [Fact]
    public async Task an_avatar_is_set_processed_shown_on_the_profile_cached_publicly_and_replaced()
    {
        var user = Unique("ava");
        var client = app.Client(user);
        var first = await Uploaded(client, Http, "AVATAR", "me.png", "image/png", Image(600, 600));
        await Processed(client, first);
        var me = (await client.Data("mutation($f: ID!) { updateProfile(input: { avatarFileId: $f }) { handle avatar { id thumbnailUrl } } }", new { f = first }))
            .GetProperty("updateProfile");
        var handle = me.GetProperty("handle").GetString()!;
        var seen = (await app.Client(Unique("fan")).Data("query($h: String!) { profile(handle: $h) { avatar { id thumbnailUrl } } }", new { h = handle }))
            .GetProperty("profile").GetProperty("avatar");
        using var thumbnail = await Http.GetAsync(Target(Http, seen.GetProperty("thumbnailUrl").GetString()!));
        var second = await Uploaded(client, Http, "AVATAR", "me2.png", "image/png", Image(300, 300));
        await client.Data("mutation($f: ID!) { updateProfile(input: { avatarFileId: $f }) { id } }", new { f = second });
        var replaced = Path.Combine(app.FilesPath, ObjectKeys.Original(Guid.Parse(first)));
        var firstGone = await Eventually(() => Task.FromResult(!File.Exists(replaced)), x => x);
        var now = (await client.Data("{ me { avatar { id } } }")).GetProperty("me").GetProperty("avatar").GetProperty("id").GetString();

        Assert.Equal(first, me.GetProperty("avatar").GetProperty("id").GetString());
        Assert.Equal(first, seen.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.True(thumbnail.Headers.CacheControl is { Public: true });
        Assert.Equal(second, now);
        Assert.True(firstGone);
    }

    [Fact]
    public async Task a_private_communitys_post_image_is_refused_to_an_outsider_and_deleted_with_the_post()
    {
        var creator = app.Client(Unique("priv"));
        var community = await Community(creator, "Inner circle", visibility: "PRIVATE");
        var image = await Uploaded(creator, Http, "POST_IMAGE", "secret.png", "image/png", Image(400, 300));
        await Processed(creator, image);
        var post = (await creator.Data("mutation($c: ID!, $i: [ID!]) { createPost(input: { communityId: $c, title: \"Plans\", body: \"See\", imageFileIds: $i }) { id images { id url } } }",
            new { c = community, i = new[] { image } })).GetProperty("createPost");
        var outsider = await app.Client(Unique("out")).Send("query($f: ID!) { file(id: $f) { url } }", new { f = image });
        var anonymous = await app.Client().Send("query($f: ID!) { file(id: $f) { url } }", new { f = image });
        var insiderUrl = post.GetProperty("images")[0].GetProperty("url").GetString()!;
        using var download = await Http.GetAsync(Target(Http, insiderUrl));

        await creator.Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = post.GetProperty("id").GetString() });
        var original = Path.Combine(app.FilesPath, ObjectKeys.Original(Guid.Parse(image)));
        var gone = await Eventually(() => Task.FromResult(!File.Exists(original)), x => x);

        Assert.Equal(image, post.GetProperty("images")[0].GetProperty("id").GetString());
        Assert.Equal("NOT_FOUND", outsider.FirstErrorCode);
        Assert.Equal("NOT_FOUND", anonymous.FirstErrorCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.True(download.Headers.CacheControl is { Private: true });
        Assert.True(gone);
        Assert.Equal("NOT_FOUND", (await creator.Send("query($f: ID!) { file(id: $f) { id } }", new { f = image })).FirstErrorCode);
    }

    [Fact]
    public async Task a_post_takes_only_its_authors_completed_post_images_and_at_most_ten()
    {
        var author = app.Client(Unique("auth"));
        var community = await Community(author, "Pictures");
        var avatar = await Uploaded(author, Http, "AVATAR", "a.png", "image/png", Image(20, 20));
        var someoneElses = await Uploaded(app.Client(Unique("else")), Http, "POST_IMAGE", "b.png", "image/png", Image(20, 20));
        const string create = "mutation($c: ID!, $i: [ID!]) { createPost(input: { communityId: $c, title: \"T\", body: \"B\", imageFileIds: $i }) { id } }";

        var wrongPurpose = await author.Send(create, new { c = community, i = new[] { avatar } });
        var notTheirs = await author.Send(create, new { c = community, i = new[] { someoneElses } });
        var eleven = await author.Send(create, new { c = community, i = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid().ToString()).ToArray() });

        Assert.Equal("VALIDATION", wrongPurpose.FirstErrorCode);
        Assert.Equal("NOT_FOUND", notTheirs.FirstErrorCode);
        Assert.Equal("VALIDATION", eleven.FirstErrorCode);
    }
}
