using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Chat;

/// <summary>The GraphQL calls the chat tests share.</summary>
public sealed class ChatScenario(PlatformApp app)
{
    public const string MessageFields = "id conversationId senderId body sentAt editedAt deletedAt deletedBy sender { handle }";
    public const string ConversationQuery = """
        query($c: ID!, $first: Int, $after: String) {
          conversation(id: $c) { id kind title unreadCount members { handle }
            messages(first: $first, after: $after) { edges { cursor node { id body senderId deletedBy } } pageInfo { hasNextPage endCursor } } }
        }
        """;

    public static string User(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    public static string Id(string user) => PlatformApp.UserId(user).ToString();

    /// <summary>A community made by <paramref name="creator"/> that <paramref name="members"/> joined, once the directory knows it.</summary>
    public async Task<string> CommunityWith(string creator, params string[] members)
    {
        var community = (await app.Client(creator).Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Chatters", slug = $"chat-{Guid.NewGuid():N}"[..20] } })).GetProperty("createCommunity").GetProperty("id").GetString()!;
        foreach (var member in members)
            await app.Client(member).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        await app.WaitForProjections(); // whom one may message is read from the member directory
        return community;
    }

    public Task<GraphQLResponse> TrySend(string sender, object input) =>
        app.Client(sender).Send($"mutation($i: SendMessageInput!) {{ sendMessage(input: $i) {{ {MessageFields} }} }}", new { i = input });

    public async Task<JsonElement> Send(string sender, object input)
    {
        var response = await TrySend(sender, input);
        Assert.True(response.Errors is null, response.Body.ToString());
        return response.Body.GetProperty("data").GetProperty("sendMessage");
    }

    public async Task<JsonElement> Conversation(string reader, string conversationId, int? first = null, string? after = null) =>
        (await app.Client(reader).Data(ConversationQuery, new { c = conversationId, first, after })).GetProperty("conversation");

    public async Task<List<JsonElement>> Conversations(string reader) =>
        (await app.Client(reader).Data("{ conversations(first: 50) { nodes { id kind title unreadCount lastMessage { body } } } }"))
        .GetProperty("conversations").GetProperty("nodes").EnumerateArray().ToList();
}
