using Platform.Api.Privacy;
using Platform.Contracts.Privacy;
using Platform.Contracts.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Privacy;

/// <summary>
/// The community setting for an erased member's content (PRIV): where the creator chose REMOVE, their posts and comments go
/// (deleted events appended, the streams kept); elsewhere they stay, from "a deleted member".
/// </summary>
public sealed class when_an_erased_members_community_removes_their_content(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly PrivacyScenario scenario = new(app);

    private const string Post = "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }";
    private const string Comment = "mutation($p: ID!, $b: String!, $r: ID) { addComment(postId: $p, input: { body: $b, parentCommentId: $r }) { id } }";
    private const string Read = "query($p: ID!) { post(id: $p) { author { displayName } commentCount comments { body author { displayName } replies { body } } } }";

    [Fact]
    public async Task their_posts_and_comments_are_removed_where_the_creator_chose_so_and_kept_from_a_deleted_member_elsewhere()
    {
        var creator = app.Client(PrivacyScenario.User("owner"));
        var removing = await Given.Community(creator, "Removes");
        var keeping = await Given.Community(creator, "Keeps");
        var settings = (await creator.Data("mutation($c: ID!) { updateCommunitySettings(communityId: $c, input: { erasedMemberContent: REMOVE }) { erasedMemberContent } }",
            new { c = removing })).GetProperty("updateCommunitySettings");
        Assert.Equal("REMOVE", settings.GetProperty("erasedMemberContent").GetString());
        var member = app.Client(PrivacyScenario.User("mb"));
        Assert.Equal("FORBIDDEN", (await member.Send("mutation($c: ID!) { updateCommunitySettings(communityId: $c, input: { erasedMemberContent: REMOVE }) { id } }",
            new { c = keeping })).FirstErrorCode);

        var person = await scenario.Register();
        var me = app.Client(person.Subject);
        var (mine, theirs) = (new Dictionary<string, string>(), new Dictionary<string, string>());
        foreach (var community in new[] { removing, keeping })
        {
            await me.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
            mine[community] = Id(await me.Data(Post, new { i = new { communityId = community, title = "Mine", body = $"ERASED-POST-{community}" } }), "createPost");
            theirs[community] = Id(await creator.Data(Post, new { i = new { communityId = community, title = "Theirs", body = "The creator's" } }), "createPost");
            var comment = Id(await me.Data(Comment, new { p = theirs[community], b = $"ERASED-COMMENT-{community}", r = (string?)null }), "addComment");
            await creator.Data(Comment, new { p = theirs[community], b = "A reply to them", r = comment });
            await creator.Data(Comment, new { p = theirs[community], b = "The creator's own comment", r = (string?)null });
        }

        await me.Data("mutation($c: String!) { deleteMyAccount(confirmation: $c) { userId } }", new { c = person.Handle });
        await app.WaitForProjections();

        // Where the creator chose REMOVE: the post is gone for readers, their comment (with the reply to it) too; the creator's own stays.
        Assert.Equal("NOT_FOUND", (await creator.Send(Read, new { p = mine[removing] })).FirstErrorCode);
        var post = (await creator.Data(Read, new { p = theirs[removing] })).GetProperty("post");
        Assert.Equal(1, post.GetProperty("commentCount").GetInt32());
        Assert.Equal("The creator's own comment", Assert.Single(post.GetProperty("comments").EnumerateArray()).GetProperty("body").GetString());
        // Appended, not deleted: the streams keep what was written, with the removal and who asked for it.
        var removedPost = (await app.EventsOf(Guid.Parse(mine[removing]))).Select(e => e.Data).ToList();
        Assert.IsType<PostCreated>(removedPost[0]);
        var deleted = Assert.IsType<PostDeleted>(removedPost[^1]);
        Assert.Equal((Erasure.RemovedReason, person.Id), (deleted.Reason, deleted.DeletedBy));
        Assert.Single((await app.EventsOf(Guid.Parse(theirs[removing]))).Select(e => e.Data).OfType<CommentRemoved>(), r => r.AuthorId == person.Id);
        var search = (await creator.Data("query { search(text: \"ERASED\", kinds: [POST, COMMENT]) { id } }")).GetProperty("search").EnumerateArray().ToList();
        Assert.Equal(2, search.Count); // their post and comment where they are kept, and nothing from the community that removes

        // Where the setting is the default: both stay, from "a deleted member".
        var kept = (await creator.Data(Read, new { p = mine[keeping] })).GetProperty("post");
        Assert.Equal(ErasedAccount.DeletedMember, kept.GetProperty("author").GetProperty("displayName").GetString());
        var comments = (await creator.Data(Read, new { p = theirs[keeping] })).GetProperty("post").GetProperty("comments").EnumerateArray().ToList();
        var theirComment = Assert.Single(comments, c => c.GetProperty("body").GetString() == $"ERASED-COMMENT-{keeping}");
        Assert.Equal(ErasedAccount.DeletedMember, theirComment.GetProperty("author").GetProperty("displayName").GetString());
        Assert.Equal("A reply to them", Assert.Single(theirComment.GetProperty("replies").EnumerateArray()).GetProperty("body").GetString());
    }

    private static string Id(System.Text.Json.JsonElement data, string field) => data.GetProperty(field).GetProperty("id").GetString()!;
}
