using System.Text.Json;
using Alba;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Hosting;

public sealed class when_two_api_nodes_share_one_database(PlatformApp nodeA) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private IAlbaHost nodeB = null!;

    public async Task InitializeAsync() => nodeB = await nodeA.StartNode(nodeA.ConnectionString);

    public async Task DisposeAsync() => await nodeB.DisposeAsync();

    private static async Task<JsonElement> Readiness(IAlbaHost node)
    {
        using var response = await node.Server.CreateClient().GetAsync("/health/ready");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls both nodes until a condition on their readiness reports holds (elections and LISTEN take a moment).</summary>
    private async Task<(JsonElement A, JsonElement B)> WhenBoth(Func<JsonElement, JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (a, b) = (await Readiness(nodeA.Host), await Readiness(nodeB));
            if (condition(a, b) || DateTime.UtcNow > deadline) return (a, b);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task a_member_joining_through_node_a_reaches_a_subscriber_on_node_b()
    {
        await WhenBoth((a, b) => a.GetProperty("status").GetString() == "Healthy" && b.GetProperty("status").GetString() == "Healthy");
        var slug = $"nodes-{Guid.NewGuid():N}"[..20];
        var communityId = (await nodeA.Client("owner").Data(
                "mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }", new { i = new { name = "Two Nodes", slug } }))
            .GetProperty("createCommunity").GetProperty("id").GetString();

        await using var subscriber = await GraphQLWebSocketClient.Connect(nodeB);
        await subscriber.Initialise(PlatformApp.Token("owner")); // the creator: memberJoined is for the community's own people
        await subscriber.Send(new
        {
            id = "joins",
            type = "subscribe",
            payload = new { query = "subscription($c: ID!) { memberJoined(communityId: $c) { userId communityId status } }", variables = new { c = communityId } },
        });

        // The subscribe is handled off the receive loop and the protocol has no "subscribed" reply: joins go on,
        // one new member at a time, until one is heard. Every join is real, so whichever is heard must match it.
        JsonElement? next = null;
        var joiners = new List<string>();
        for (var attempt = 0; next is null && attempt < 20; attempt++)
        {
            var joiner = $"joiner{attempt}-{Guid.NewGuid():N}"[..20];
            joiners.Add(PlatformApp.UserId(joiner).ToString());
            await nodeA.Client(joiner).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = communityId });
            try { next = await subscriber.Receive(TimeSpan.FromMilliseconds(500)); }
            catch (OperationCanceledException) { }
        }

        Assert.NotNull(next);
        Assert.Equal("next", next.Value.GetProperty("type").GetString());
        Assert.Equal("joins", next.Value.GetProperty("id").GetString());
        var membership = next.Value.GetProperty("payload").GetProperty("data").GetProperty("memberJoined");
        Assert.Equal(communityId, membership.GetProperty("communityId").GetString());
        Assert.Equal("ACTIVE", membership.GetProperty("status").GetString());
        Assert.Contains(membership.GetProperty("userId").GetString(), joiners);
    }

    [Fact]
    public async Task a_post_made_through_node_a_reaches_a_post_added_subscriber_on_node_b()
    {
        await WhenBoth((a, b) => a.GetProperty("status").GetString() == "Healthy" && b.GetProperty("status").GetString() == "Healthy");
        var communityId = (await nodeA.Client("poster").Data(
                "mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }", new { i = new { name = "Posts", slug = $"posts-{Guid.NewGuid():N}"[..20] } }))
            .GetProperty("createCommunity").GetProperty("id").GetString();

        await using var subscriber = await GraphQLWebSocketClient.Connect(nodeB);
        await subscriber.Initialise(PlatformApp.Token("reader"));
        await subscriber.Send(new
        {
            id = "posts",
            type = "subscribe",
            payload = new { query = "subscription($c: ID!) { postAdded(communityId: $c) { id title body author { handle } } }", variables = new { c = communityId } },
        });

        // As above: posts go on until one is heard, and the one heard must be one of them. The body is larger than a NOTIFY payload may be.
        var body = new string('x', 9000);
        JsonElement? next = null;
        var titles = new List<string>();
        for (var attempt = 0; next is null && attempt < 20; attempt++)
        {
            titles.Add($"Post {attempt}");
            await nodeA.Client("poster").Data("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
                new { i = new { communityId, title = titles[^1], body } });
            try { next = await subscriber.Receive(TimeSpan.FromMilliseconds(500)); }
            catch (OperationCanceledException) { }
        }

        Assert.NotNull(next);
        Assert.True(next.Value.GetProperty("type").GetString() == "next", next.Value.ToString());
        var post = next.Value.GetProperty("payload").GetProperty("data").GetProperty("postAdded");
        Assert.Contains(post.GetProperty("title").GetString(), titles);
        Assert.Equal(body, post.GetProperty("body").GetString());
        Assert.Equal("poster", post.GetProperty("author").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task both_nodes_are_ready_one_leads_each_async_projection_runs_on_one_node_and_both_run_some()
    {
        static bool Leads(JsonElement report) => report.TryGetProperty("leader", out var leader) && leader.GetBoolean();
        static string[] Projections(JsonElement report) => report.TryGetProperty("agents", out var agents)
            ? [.. agents.EnumerateArray().Select(a => a.GetString()!).Where(a => a.EndsWith("/all")).Order()]
            : [];
        // What the admin sees for the node a readiness report comes from: the database's record (assignments land a moment after
        // the agents start, and the leader moves some to the second node when it joins, so both views are read together).
        static string[] Recorded(JsonElement nodes, JsonElement report) => [.. nodes.EnumerateArray()
            .Where(n => n.GetProperty("node").GetInt32() == report.GetProperty("node").GetInt32())
            .SelectMany(n => n.GetProperty("agents").EnumerateArray().Select(x => x.GetString()!)).Where(x => x.EndsWith("/all")).Order()];

        var (a, b, nodes) = await Given.Eventually(async () => (
                await Readiness(nodeA.Host), await Readiness(nodeB),
                (await nodeA.Client("admin", "admin").Data("{ systemHealth { nodes { node leader agents lastHeartbeat } } }"))
                .GetProperty("systemHealth").GetProperty("nodes")),
            s => Leads(s.Item1) ^ Leads(s.Item2) && Projections(s.Item1).Length > 0 && Projections(s.Item2).Length > 0
                 && Recorded(s.Item3, s.Item1).SequenceEqual(Projections(s.Item1)) && Recorded(s.Item3, s.Item2).SequenceEqual(Projections(s.Item2)));

        Assert.Equal("Healthy", a.GetProperty("status").GetString());
        Assert.Equal("Healthy", b.GetProperty("status").GetString());
        Assert.True(Leads(a) ^ Leads(b), $"Exactly one leader expected: A {a}, B {b}");
        Assert.NotEmpty(Projections(a));
        Assert.NotEmpty(Projections(b));
        Assert.Empty(Projections(a).Intersect(Projections(b)));
        Assert.Equal(new[] { a.GetProperty("node").GetInt32(), b.GetProperty("node").GetInt32() }.Order(),
            nodes.EnumerateArray().Select(n => n.GetProperty("node").GetInt32()).Order());
        Assert.Single(nodes.EnumerateArray(), n => n.GetProperty("leader").GetBoolean());
        Assert.Equal(Projections(a), Recorded(nodes, a));
        Assert.Equal(Projections(b), Recorded(nodes, b));
        Assert.All(nodes.EnumerateArray(), n => Assert.NotEqual(JsonValueKind.Null, n.GetProperty("lastHeartbeat").ValueKind));
    }
}
