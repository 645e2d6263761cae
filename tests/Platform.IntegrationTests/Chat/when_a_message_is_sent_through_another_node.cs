using System.Text.Json;
using Alba;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chat;

public sealed class when_a_message_is_sent_through_another_node(PlatformApp nodeA) : IClassFixture<PlatformApp>, IAsyncLifetime
{
    private IAlbaHost nodeB = null!;

    public async Task InitializeAsync() => nodeB = await nodeA.StartNode(nodeA.ConnectionString);

    public async Task DisposeAsync() => await nodeB.DisposeAsync();

    [Fact]
    public async Task a_subscriber_on_node_b_hears_message_added_with_the_whole_message()
    {
        var chat = new ChatScenario(nodeA);
        var (ann, bob) = (ChatScenario.User("ann"), ChatScenario.User("bob"));
        await chat.CommunityWith(ChatScenario.User("owner"), ann, bob);
        var conversationId = (await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "First" })).GetProperty("conversationId").GetString()!;

        await using var subscriber = await GraphQLWebSocketClient.Connect(nodeB);
        await subscriber.Initialise(PlatformApp.Token(bob));
        await subscriber.Send(new
        {
            id = "chat",
            type = "subscribe",
            payload = new { query = "subscription($c: ID!) { messageAdded(conversationId: $c) { id conversationId body sender { handle } } }", variables = new { c = conversationId } },
        });

        // The protocol has no "subscribed" reply: messages go on until one is heard, and the one heard must be one of them.
        // The body is larger than a NOTIFY payload may be: only ids travel between nodes.
        var body = new string('x', 3900) + "é";
        JsonElement? next = null;
        var sent = new List<string>();
        for (var attempt = 0; next is null && attempt < 20; attempt++)
        {
            sent.Add((await chat.Send(ann, new { conversationId, body = $"{attempt}:{body}" })).GetProperty("id").GetString()!);
            try { next = await subscriber.Receive(TimeSpan.FromMilliseconds(500)); }
            catch (OperationCanceledException) { }
        }

        Assert.NotNull(next);
        Assert.True(next.Value.GetProperty("type").GetString() == "next", next.Value.ToString());
        var message = next.Value.GetProperty("payload").GetProperty("data").GetProperty("messageAdded");
        Assert.Contains(message.GetProperty("id").GetString(), sent);
        Assert.Equal(conversationId, message.GetProperty("conversationId").GetString());
        Assert.EndsWith(body, message.GetProperty("body").GetString());
        Assert.Equal(ann, message.GetProperty("sender").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task someone_outside_the_conversation_cannot_subscribe_to_it()
    {
        var chat = new ChatScenario(nodeA);
        var (ann, bob) = (ChatScenario.User("ann"), ChatScenario.User("bob"));
        await chat.CommunityWith(ChatScenario.User("owner"), ann, bob);
        var conversationId = (await chat.Send(ann, new { toUserId = ChatScenario.Id(bob), body = "Private" })).GetProperty("conversationId").GetString()!;

        await using var outsider = await GraphQLWebSocketClient.Connect(nodeB);
        await outsider.Initialise(PlatformApp.Token(ChatScenario.User("eve")));
        await outsider.Send(new
        {
            id = "spy",
            type = "subscribe",
            payload = new { query = "subscription($c: ID!) { messageAdded(conversationId: $c) { id } }", variables = new { c = conversationId } },
        });
        var answer = await outsider.Receive();
        Assert.Equal("error", answer.GetProperty("type").GetString());
        Assert.Equal("FORBIDDEN", answer.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
