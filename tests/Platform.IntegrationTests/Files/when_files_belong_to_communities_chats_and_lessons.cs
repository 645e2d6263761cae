using System.Net;
using Platform.Api.Files;
using Platform.IntegrationTests.Courses;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Files.FilesScenario;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Files;

/// <summary>
/// Files everywhere they belong: a community's cover, comment and chat images, lesson attachments; each download issued
/// only to callers who may see the owner, and the files deleted with it (or with an erased account).
/// </summary>
public sealed class when_files_belong_to_communities_chats_and_lessons(FilesPlatformApp app) : IClassFixture<FilesPlatformApp>
{
    private HttpClient Http => app.Host.Server.CreateClient();

    private bool Stored(string fileId) => File.Exists(Path.Combine(app.FilesPath, ObjectKeys.Original(Guid.Parse(fileId))));

    private Task<bool> Gone(string fileId) => Eventually(() => Task.FromResult(!Stored(fileId)), gone => gone);

    [Fact]
    public async Task a_private_communitys_cover_is_shown_to_its_members_and_refused_to_an_outsider()
    {
        var creator = app.Client(Unique("cov"));
        var community = await Community(creator, "Covered", visibility: "PRIVATE");
        var first = await Uploaded(creator, Http, "COMMUNITY_COVER", "cover.png", "image/png", Image(900, 300));
        var second = await Uploaded(creator, Http, "COMMUNITY_COVER", "cover2.jpg", "image/jpeg", Image(900, 300, SkiaSharp.SKEncodedImageFormat.Jpeg));
        await Processed(creator, first);
        const string SetCover = "mutation($c: ID!, $f: ID!) { updateCommunitySettings(communityId: $c, input: { coverFileId: $f }) { cover { id thumbnailUrl } } }";
        var set = (await creator.Data(SetCover, new { c = community, f = first })).GetProperty("updateCommunitySettings").GetProperty("cover");
        using var thumbnail = await Http.GetAsync(Target(Http, set.GetProperty("thumbnailUrl").GetString()!));
        var outsider = await app.Client(Unique("out")).Send("query($f: ID!) { file(id: $f) { url } }", new { f = first });
        var someoneElses = await app.Client(Unique("oth")).Send(SetCover, new { c = community, f = second });

        await creator.Data(SetCover, new { c = community, f = second });
        var replacedGone = await Gone(first);
        var now = (await creator.Data("query($c: ID!) { community(id: $c) { cover { id } } }", new { c = community }))
            .GetProperty("community").GetProperty("cover").GetProperty("id").GetString();

        Assert.Equal(first, set.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NOT_FOUND", outsider.FirstErrorCode);
        Assert.NotNull(someoneElses.FirstErrorCode);
        Assert.True(replacedGone);
        Assert.Equal(second, now);
    }

    [Fact]
    public async Task a_comments_images_are_shown_on_it_refused_to_an_outsider_and_deleted_with_the_post()
    {
        var creator = app.Client(Unique("cmc"));
        var community = await Community(creator, "Commented", visibility: "PRIVATE");
        var post = (await creator.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Jigs\", body: \"Show yours\" }) { id } }",
            new { c = community })).GetProperty("createPost").GetProperty("id").GetString()!;
        var image = await Uploaded(creator, Http, "POST_IMAGE", "jig.png", "image/png", Image(500, 400));
        await Processed(creator, image);
        var comment = (await creator.Data("mutation($p: ID!, $i: [ID!]) { addComment(postId: $p, input: { body: \"Mine\", imageFileIds: $i }) { id images { id url } } }",
            new { p = post, i = new[] { image } })).GetProperty("addComment");
        using var download = await Http.GetAsync(Target(Http, comment.GetProperty("images")[0].GetProperty("url").GetString()!));
        var outsider = await app.Client(Unique("out")).Send("query($f: ID!) { file(id: $f) { url } }", new { f = image });

        await creator.Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = post });

        Assert.Equal(image, comment.GetProperty("images")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("NOT_FOUND", outsider.FirstErrorCode);
        Assert.True(await Gone(image));
    }

    [Fact]
    public async Task a_hidden_posts_image_is_refused_to_members_and_shown_to_staff_until_it_is_restored()
    {
        var creator = app.Client(Unique("hpc"));
        var (author, reader) = (Unique("hpa"), Unique("hpr"));
        var community = await Community(creator, "Hidden pictures");
        foreach (var member in new[] { author, reader })
            await app.Client(member).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = community });
        var image = await Uploaded(app.Client(author), Http, "POST_IMAGE", "shop.png", "image/png", Image(500, 400));
        await Processed(app.Client(author), image);
        var post = (await app.Client(author).Data("mutation($c: ID!, $i: [ID!]) { createPost(input: { communityId: $c, title: \"My shop\", body: \"Look\", imageFileIds: $i }) { id } }",
            new { c = community, i = new[] { image } })).GetProperty("createPost").GetProperty("id").GetString()!;
        const string FileUrl = "query($f: ID!) { file(id: $f) { url } }";
        var beforeHiding = await app.Client(reader).Send(FileUrl, new { f = image });

        var report = (await app.Client(reader).Data("mutation($t: ID!) { reportContent(targetId: $t, reason: SPAM) { id } }", new { t = post }))
            .GetProperty("reportContent").GetProperty("id").GetString();
        await creator.Data("mutation($r: ID!) { resolveReport(reportId: $r, action: HIDE, reason: \"Advertising\") { id } }", new { r = report });
        var whileHidden = await app.Client(reader).Send(FileUrl, new { f = image });
        var staffWhileHidden = await creator.Send(FileUrl, new { f = image });

        await creator.Data("mutation($t: ID!) { restoreContent(targetId: $t, reason: \"A second look\") { id } }", new { t = post });
        var afterRestoring = await app.Client(reader).Send(FileUrl, new { f = image });

        Assert.Null(beforeHiding.FirstErrorCode);
        Assert.Equal("NOT_FOUND", whileHidden.FirstErrorCode);
        Assert.Null(staffWhileHidden.FirstErrorCode);
        Assert.Null(afterRestoring.FirstErrorCode);
    }

    [Fact]
    public async Task a_channel_messages_image_is_for_the_channels_members_and_goes_with_the_message()
    {
        var creator = app.Client(Unique("chc"));
        var community = await Community(creator, "Chatty");
        var member = app.Client(Unique("chm"));
        await member.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = community });
        var image = await Uploaded(member, Http, "MESSAGE_IMAGE", "shop.webp", "image/webp", Image(640, 480, SkiaSharp.SKEncodedImageFormat.Webp));
        await Processed(member, image);
        var postImage = await Uploaded(member, Http, "POST_IMAGE", "p.png", "image/png", Image(20, 20));
        const string Send = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id images { id } } }";
        var message = (await member.Data(Send, new { i = new { communityId = community, body = "My shop", imageFileIds = new[] { image } } })).GetProperty("sendMessage");
        var wrongPurpose = await member.Send(Send, new { i = new { communityId = community, body = "Again", imageFileIds = new[] { postImage } } });
        var seen = (await creator.Data("query($f: ID!) { file(id: $f) { url } }", new { f = image })).GetProperty("file").GetProperty("url").GetString()!;
        using var download = await Http.GetAsync(Target(Http, seen));
        var outsider = await app.Client(Unique("out")).Send("query($f: ID!) { file(id: $f) { url } }", new { f = image });

        await member.Data("mutation($m: ID!) { deleteMessage(messageId: $m) { id } }", new { m = message.GetProperty("id").GetString() });

        Assert.Equal(image, message.GetProperty("images")[0].GetProperty("id").GetString());
        Assert.Equal("VALIDATION", wrongPurpose.FirstErrorCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("NOT_FOUND", outsider.FirstErrorCode);
        Assert.True(await Gone(image));
    }

    [Fact]
    public async Task a_lesson_attachment_downloads_for_an_enrolled_learner_is_refused_to_a_member_not_enrolled_and_goes_with_the_lesson()
    {
        var classroom = new Classroom(app);
        var built = await classroom.Course(["Dovetails", "Mortises"]);
        var creator = app.Client(built.Creator);
        var pdf = DemoImages.BracingWorksheet();
        var worksheet = await Uploaded(creator, Http, "LESSON_ATTACHMENT", "dovetails.pdf", "application/pdf", pdf);
        await creator.Data("mutation($l: ID!, $f: [ID!]) { updateLesson(lessonId: $l, input: { title: \"Dovetails\", body: \"Saw to the line\", attachmentFileIds: $f }) { id } }",
            new { l = built.Lessons[0], f = new[] { worksheet } });
        var learner = await classroom.Learner(built);
        var bystander = await classroom.Learner(built, enrol: false);
        const string Attachments = "query($c: ID!) { course(id: $c) { modules { lessons { id attachments { id fileName contentType url } } } } }";
        var learnersLesson = (await learner.Data(Attachments, new { c = built.Course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0];
        var attachment = learnersLesson.GetProperty("attachments")[0];
        using var download = await Http.GetAsync(Target(Http, attachment.GetProperty("url").GetString()!));
        var bystandersLesson = (await bystander.Data(Attachments, new { c = built.Course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0];
        var bystanderFile = await bystander.Send("query($f: ID!) { file(id: $f) { url } }", new { f = worksheet });
        var learnerFile = await learner.Send("query($f: ID!) { file(id: $f) { url } }", new { f = worksheet });

        await creator.Data("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", new { l = built.Lessons[0] });

        Assert.Equal((worksheet, "application/pdf"), (attachment.GetProperty("id").GetString(), attachment.GetProperty("contentType").GetString()));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.True(download.Headers.CacheControl is { Private: true });
        Assert.Equal(0, bystandersLesson.GetProperty("attachments").GetArrayLength());
        Assert.Equal("NOT_FOUND", bystanderFile.FirstErrorCode);
        Assert.Null(learnerFile.Errors);
        Assert.True(await Gone(worksheet));
    }

    [Fact]
    public async Task deleting_a_module_deletes_its_lessons_attachments_and_an_empty_list_removes_them()
    {
        var built = await new Classroom(app).Course(["Hinges", "Latches"]);
        var creator = app.Client(built.Creator);
        var (first, second) = (await Uploaded(creator, Http, "LESSON_ATTACHMENT", "hinges.zip", "application/zip", Zip()),
            await Uploaded(creator, Http, "LESSON_ATTACHMENT", "latches.pdf", "application/pdf", DemoImages.BracingWorksheet()));
        const string Attach = "mutation($l: ID!, $t: String!, $f: [ID!]) { updateLesson(lessonId: $l, input: { title: $t, attachmentFileIds: $f }) { id } }";
        await creator.Data(Attach, new { l = built.Lessons[0], t = "Hinges", f = new[] { first } });
        await creator.Data(Attach, new { l = built.Lessons[1], t = "Latches", f = new[] { second } });

        await creator.Data(Attach, new { l = built.Lessons[0], t = "Hinges", f = Array.Empty<string>() });
        var removed = await Gone(first);
        await creator.Data("mutation($m: ID!) { deleteModule(moduleId: $m) { id } }", new { m = built.Module });

        Assert.True(removed);
        Assert.True(await Gone(second));
    }

    /// <summary>An empty ZIP archive: just its end-of-central-directory record.</summary>
    private static byte[] Zip() => [0x50, 0x4B, 0x05, 0x06, .. new byte[18]];

    [Fact]
    public async Task an_erased_members_avatar_and_unused_uploads_are_deleted_and_their_post_image_stays_with_the_post()
    {
        var creator = app.Client(Unique("ers"));
        var community = await Community(creator, "Erasure");
        var member = app.Client(Unique("gone"));
        await member.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = community });
        var avatar = await Uploaded(member, Http, "AVATAR", "me.png", "image/png", Image(64, 64));
        var unused = await Uploaded(member, Http, "POST_IMAGE", "draft.png", "image/png", Image(64, 64));
        var postImage = await Uploaded(member, Http, "POST_IMAGE", "bench.png", "image/png", Image(64, 64));
        var handle = (await member.Data("mutation($f: ID!) { updateProfile(input: { avatarFileId: $f }) { handle } }", new { f = avatar }))
            .GetProperty("updateProfile").GetProperty("handle").GetString();
        await member.Data("mutation($c: ID!, $i: [ID!]) { createPost(input: { communityId: $c, title: \"Bench\", body: \"Done\", imageFileIds: $i }) { id } }",
            new { c = community, i = new[] { postImage } });

        await member.Data("mutation($h: String!) { deleteMyAccount(confirmation: $h) { userId } }", new { h = handle });

        Assert.True(await Gone(avatar));
        Assert.True(await Gone(unused));
        Assert.True(Stored(postImage));
        Assert.Null((await creator.Send("query($f: ID!) { file(id: $f) { id } }", new { f = postImage })).Errors);
    }
}
