using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Social;

/// <summary>The GraphQL calls the social tests share: communities, posts, comments, reactions, follows and feeds.</summary>
public sealed class SocialScenario(PlatformApp app)
{
    public const string PostFields = "id communityId courseId title body category author { handle } commentCount reactions { kind count viewerReacted } " +
                                     "comments { id body author { handle } reactions { count viewerReacted } replies { id body parentCommentId } } revisions { title body }";
    public const string FeedQuery = """
        query($t: FeedType!, $o: ID!, $first: Int, $after: String) {
          feed(type: $t, ownerId: $o, first: $first, after: $after) {
            edges { cursor node { id verb actorId objectId time post { id title } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public static string User(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    public async Task<string> Community(string creator, string visibility = "PUBLIC") =>
        (await app.Client(creator).Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Social", slug = $"soc-{Guid.NewGuid():N}"[..20], visibility } })).GetProperty("createCommunity").GetProperty("id").GetString()!;

    public Task Join(string user, string community) =>
        app.Client(user).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });

    public async Task<JsonElement> Post(string author, string community, string title, string body = "Body text", string? course = null) =>
        (await app.Client(author).Data($"mutation($i: CreatePostInput!) {{ createPost(input: $i) {{ {PostFields} }} }}",
            new { i = new { communityId = community, courseId = course, title, body } })).GetProperty("createPost");

    public Task<GraphQLResponse> TryPost(string author, string community, string title = "A title", string body = "Body") =>
        app.Client(author).Send("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }", new { i = new { communityId = community, title, body } });

    public async Task<JsonElement> Comment(string author, string post, string body, string? parent = null) =>
        (await app.Client(author).Data("mutation($p: ID!, $i: AddCommentInput!) { addComment(postId: $p, input: $i) { id postId parentCommentId body } }",
            new { p = post, i = new { body, parentCommentId = parent } })).GetProperty("addComment");

    public async Task<JsonElement> React(string user, string target, bool react = true) =>
        (await app.Client(user).Data($"mutation($t: ID!) {{ {(react ? "react" : "unreact")}(targetId: $t, kind: LIKE) {{ {PostFields} }} }}",
            new { t = target })).GetProperty(react ? "react" : "unreact");

    public Task<JsonElement> Follow(string user, string target, bool follow = true) =>
        app.Client(user).Data($"mutation($t: ID!) {{ {(follow ? "follow" : "unfollow")}(targetId: $t) {{ id targetKind active }} }}", new { t = target });

    public Task<GraphQLResponse> TryFeed(string reader, string type, object owner, int? first = null, string? after = null) =>
        app.Client(reader).Send(FeedQuery, new { t = type, o = owner.ToString(), first, after });

    /// <summary>The feed's items once the projections caught up: (id, verb, post title or null).</summary>
    public async Task<List<(string Id, string Verb, string? Title)>> Feed(string reader, string type, object owner)
    {
        await app.WaitForProjections();
        var response = await TryFeed(reader, type, owner, 100);
        Assert.True(response.Errors is null, response.Body.ToString());
        return response.Body.GetProperty("data").GetProperty("feed").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node"))
            .Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("verb").GetString()!,
                n.GetProperty("post").ValueKind == JsonValueKind.Null ? null : n.GetProperty("post").GetProperty("title").GetString()))
            .ToList();
    }

    public async Task<string> Handle(string user) => (await app.Client(user).Data("{ me { handle } }")).GetProperty("me").GetProperty("handle").GetString()!;
}
