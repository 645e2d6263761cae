using Alba;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Hosting;

public sealed class when_two_api_nodes_share_one_database(PlatformApp nodeA) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private IAlbaHost nodeB = null!;

    public async Task InitializeAsync() => nodeB = await nodeA.StartNode(nodeA.ConnectionString);

    public async Task DisposeAsync() => await nodeB.DisposeAsync();

    [Fact]
    public async Task a_member_joining_through_node_a_reaches_a_subscriber_on_node_b()
    {
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
        // The subscription is live once a ping sent after it is answered: messages on one socket are handled in order.
        await subscriber.Send(new { type = "ping" });
        Assert.Equal("pong", (await subscriber.Receive()).GetProperty("type").GetString());

        await nodeA.Client("joiner").Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = communityId });

        var next = await subscriber.Receive();
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("joins", next.GetProperty("id").GetString());
        var membership = next.GetProperty("payload").GetProperty("data").GetProperty("memberJoined");
        Assert.Equal(PlatformApp.UserId("joiner").ToString(), membership.GetProperty("userId").GetString());
        Assert.Equal(communityId, membership.GetProperty("communityId").GetString());
        Assert.Equal("ACTIVE", membership.GetProperty("status").GetString());
    }

    [Fact]
    public async Task both_nodes_are_ready_and_exactly_one_leads_the_projection_daemon()
    {
        var a = await nodeA.Host.Server.CreateClient().GetStringAsync("/health/ready");
        var b = await nodeB.Server.CreateClient().GetStringAsync("/health/ready");

        Assert.Equal("Healthy", a);
        Assert.Equal("Healthy", b);
    }
}
