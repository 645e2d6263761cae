using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Social;

/// <summary>Posts, comments, replies and reactions through GraphQL (COMM, POST, CMPS), with who may take part and who may read.</summary>
public sealed class when_members_post_comment_and_react(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly SocialScenario social = new(app);

    private const string ReadPost = $"query($id: ID!) {{ post(id: $id) {{ {SocialScenario.PostFields} }} }}";

    private static string User(string prefix) => SocialScenario.User(prefix);

    private static int Likes(JsonElement post) => post.GetProperty("reactions")[0].GetProperty("count").GetInt32();

    [Fact]
    public async Task a_post_gets_comments_one_level_of_replies_and_one_like_per_person()
    {
        var (creator, member, other) = (User("creator"), User("member"), User("other"));
        var community = await social.Community(creator);
        await social.Join(member, community);
        await social.Join(other, community);

        var post = await social.Post(member, community, "First build", "Spruce or cedar?");
        var postId = post.GetProperty("id").GetString()!;
        Assert.Equal("general", post.GetProperty("category").GetString());
        var comment = await social.Comment(creator, postId, "Spruce, for a first build.");
        var reply = await social.Comment(member, postId, "Thanks!", comment.GetProperty("id").GetString());
        Assert.Equal(comment.GetProperty("id").GetString(), reply.GetProperty("parentCommentId").GetString());

        var tooDeep = await app.Client(other).Send("mutation($p: ID!, $i: AddCommentInput!) { addComment(postId: $p, input: $i) { id } }",
            new { p = postId, i = new { body = "A reply to a reply", parentCommentId = reply.GetProperty("id").GetString() } });
        Assert.Equal("VALIDATION", tooDeep.FirstErrorCode);

        // Two likes from one person count once, even sent together; a like of a comment counts on the comment.
        await Task.WhenAll(social.React(other, postId), social.React(other, postId));
        await social.React(creator, postId);
        var liked = await social.React(other, comment.GetProperty("id").GetString()!);
        Assert.Equal(2, Likes(liked));
        Assert.Equal(1, liked.GetProperty("comments")[0].GetProperty("reactions")[0].GetProperty("count").GetInt32());

        var read = (await app.Client(other).Data(ReadPost, new { id = postId })).GetProperty("post");
        Assert.True(read.GetProperty("reactions")[0].GetProperty("viewerReacted").GetBoolean());
        Assert.Equal(2, read.GetProperty("commentCount").GetInt32());
        var top = Assert.Single(read.GetProperty("comments").EnumerateArray());
        Assert.Equal("Spruce, for a first build.", top.GetProperty("body").GetString());
        Assert.Equal("Thanks!", Assert.Single(top.GetProperty("replies").EnumerateArray()).GetProperty("body").GetString());
        var asMember = (await app.Client(member).Data(ReadPost, new { id = postId })).GetProperty("post");
        Assert.False(asMember.GetProperty("reactions")[0].GetProperty("viewerReacted").GetBoolean());

        Assert.Equal(1, Likes(await social.React(other, postId, react: false)));
        Assert.Equal(1, Likes(await social.React(other, postId, react: false)));
    }

    [Fact]
    public async Task edits_keep_the_history_and_a_delete_hides_the_post_with_who_and_why()
    {
        var (creator, author, member) = (User("creator"), User("author"), User("member"));
        var community = await social.Community(creator);
        await social.Join(author, community);
        await social.Join(member, community);
        var postId = (await social.Post(author, community, "Draft title", "Draft body")).GetProperty("id").GetString()!;

        const string Edit = "mutation($p: ID!, $i: EditPostInput!) { editPost(postId: $p, input: $i) { title body category editedAt revisions { title body } } }";
        var edited = (await app.Client(author).Data(Edit, new { p = postId, i = new { title = "Final title", category = "Builds" } })).GetProperty("editPost");
        Assert.Equal("Final title", edited.GetProperty("title").GetString());
        Assert.Equal("Draft body", edited.GetProperty("body").GetString());
        Assert.Equal("builds", edited.GetProperty("category").GetString());
        Assert.Equal("Draft title", Assert.Single(edited.GetProperty("revisions").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("NOT_FOUND", (await app.Client(member).Send(Edit, new { p = postId, i = new { title = "Mine now" } })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await app.Client(author).Send(Edit, new { p = postId, i = new { title = " " } })).FirstErrorCode);

        const string Delete = "mutation($p: ID!, $r: String) { deletePost(postId: $p, reason: $r) { id deletedAt } }";
        Assert.Equal("NOT_FOUND", (await app.Client(member).Send(Delete, new { p = postId, r = "spam" })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await app.Client(creator).Send(Delete, new { p = postId })).FirstErrorCode);
        Assert.Equal(JsonValueKind.String, (await app.Client(creator).Data(Delete, new { p = postId, r = "Off topic" }))
            .GetProperty("deletePost").GetProperty("deletedAt").ValueKind);

        Assert.Equal("NOT_FOUND", (await app.Client(author).Send(ReadPost, new { id = postId })).FirstErrorCode);
        Assert.DoesNotContain(await social.Feed(member, "COMMUNITY", community), i => i.Id == $"post:{postId}");
        var deleted = (await app.EventsOf(Guid.Parse(postId))).Select(e => e.Data).OfType<Platform.Contracts.Social.PostDeleted>().Single();
        Assert.Equal(("Off topic", PlatformApp.UserId(creator)), (deleted.Reason, deleted.DeletedBy));
    }

    [Fact]
    public async Task only_active_members_the_creator_and_moderators_take_part_and_refusals_write_nothing()
    {
        var (creator, outsider, banned, member) = (User("creator"), User("outsider"), User("banned"), User("member"));
        var community = await social.Community(creator);
        await social.Join(banned, community);
        await social.Join(member, community);
        var postId = (await social.Post(creator, community, "Welcome")).GetProperty("id").GetString()!;
        await app.Client(creator).Data("mutation($c: ID!, $u: ID!) { banMember(communityId: $c, userId: $u, reason: \"spam\") { id } }",
            new { c = community, u = PlatformApp.UserId(banned) });

        Assert.Equal("FORBIDDEN", (await social.TryPost(outsider, community)).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await social.TryPost(banned, community)).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(banned).Send("mutation($p: ID!) { addComment(postId: $p, input: { body: \"hi\" }) { id } }",
            new { p = postId })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(outsider).Send("mutation($t: ID!) { react(targetId: $t, kind: LIKE) { id } }", new { t = postId })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await social.TryPost(member, community, title: "")).FirstErrorCode);
        Assert.Equal("VALIDATION", (await social.TryPost(member, community, body: new string('x', 20_001))).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(member).Send("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
            new { i = new { communityId = community, courseId = Guid.NewGuid(), title = "T", body = "B" } })).FirstErrorCode);

        // Only the creator's post was ever written.
        var feed = await social.Feed(creator, "COMMUNITY", community);
        Assert.Equal([$"post:{postId}"], feed.Select(i => i.Id));
    }

    [Fact]
    public async Task a_private_communitys_posts_and_feed_are_invisible_to_outsiders()
    {
        var (creator, insider, outsider) = (User("creator"), User("insider"), User("outsider"));
        var secret = await social.Community(creator, "PRIVATE");
        var open = await social.Community(creator);
        await app.Client(creator).Data("mutation($c: ID!, $e: String!) { inviteMember(communityId: $c, email: $e) { token } }",
            new { c = secret, e = "x@example.test" }).ContinueWith(async t =>
                await app.Client(insider).Data("mutation($t: String!) { acceptInvite(token: $t) { id } }",
                    new { t = (await t).GetProperty("inviteMember").GetProperty("token").GetString() })).Unwrap();
        var hidden = (await social.Post(creator, secret, "Inner circle only")).GetProperty("id").GetString()!;
        var visible = (await social.Post(creator, open, "For everyone")).GetProperty("id").GetString()!;

        Assert.Equal("FORBIDDEN", (await social.TryFeed(outsider, "COMMUNITY", secret)).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(outsider).Send(ReadPost, new { id = hidden })).FirstErrorCode);
        Assert.Equal([$"post:{visible}"], (await social.Feed(outsider, "USER", PlatformApp.UserId(creator))).Select(i => i.Id));
        Assert.Equal([$"post:{visible}", $"post:{hidden}"], (await social.Feed(insider, "USER", PlatformApp.UserId(creator))).Select(i => i.Id));
        Assert.Equal("Inner circle only", (await app.Client(insider).Data(ReadPost, new { id = hidden })).GetProperty("post").GetProperty("title").GetString());
        Assert.Equal("FORBIDDEN", (await app.Client(outsider).Send("mutation($t: ID!) { follow(targetId: $t) { id } }", new { t = secret })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await social.TryFeed(outsider, "TIMELINE", PlatformApp.UserId(insider))).FirstErrorCode);

        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);
        await socket.Initialise(PlatformApp.Token(outsider));
        await socket.Send(new { id = "s", type = "subscribe", payload = new { query = "subscription($c: ID!) { postAdded(communityId: $c) { id } }", variables = new { c = secret } } });
        var refused = await socket.Receive();
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Contains("FORBIDDEN", refused.ToString());
    }
}
