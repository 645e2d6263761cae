using GraphQL.Types;
using Marten;
using Platform.Projections.Chat;

namespace Platform.Api.Chat;

public enum ChatReach
{
    /// <summary>Someone who shares a community with the sender, or follows the sender.</summary>
    SharedCommunityOrFollower,
    Anyone,
}

/// <summary>The <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    /// <summary>Members of a group conversation, its starter included.</summary>
    public int MaxGroupSize { get; set; } = 50;
    public int MaxMessageLength { get; set; } = 4000;
    /// <summary>Whom a member may start a direct or group conversation with.</summary>
    public ChatReach Reach { get; set; } = ChatReach.SharedCommunityOrFollower;
}

/// <summary>CHAT: direct, group and community-channel conversations; messages one stream each, read on a keyset index.</summary>
public static class ChatConfiguration
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Chat").Get<ChatOptions>() ?? new ChatOptions());
        builder.Services.ConfigureMarten(options => options.AddChatProjections());
        return builder;
    }

    public static void AddChatQueries(this ObjectGraphType query)
    {
        query.AddConversations();
        query.AddConversation();
        query.AddCommunityChannel();
    }

    public static void AddChatMutations(this ObjectGraphType mutation)
    {
        mutation.AddSendMessage();
        mutation.AddStartGroupConversation();
        mutation.AddEditMessage();
        mutation.AddDeleteMessage();
        mutation.AddMarkConversationRead();
        mutation.AddBlockUser();
    }

    public static void AddChatSubscriptions(this ObjectGraphType subscription) => subscription.AddMessageAdded();
}
