using Platform.Api.Infrastructure;
using Platform.Contracts.Chat;

namespace Platform.Api.Chat;

/// <summary>The write model of a conversation: who may write in it. Its stream holds only the start.</summary>
public sealed record Conversation(Guid Id, ConversationKind Kind, Guid? CommunityId, IReadOnlyList<Guid> MemberIds)
{
    public static Conversation Create(ConversationStarted e) => new(e.ConversationId, e.Kind, e.CommunityId, e.MemberIds);
}

/// <summary>What the chat rules decide on about two people, gathered by the handler before it decides.</summary>
/// <param name="Reachable">The sender shares a community with the other, or the other follows the sender (or the platform lets anyone reach anyone).</param>
/// <param name="Blocked">Either has blocked the other.</param>
public sealed record Relation(Guid UserId, bool Reachable, bool Blocked);

/// <summary>The pure chat rules: who may start which conversation and write in it. Time comes in as <c>now</c>.</summary>
public static class Conversations
{
    /// <summary>The text as stored: trimmed, not empty, not longer than the configured limit.</summary>
    public static string Body(string body, int maxLength)
    {
        var text = body.Trim();
        if (text.Length == 0) throw DomainException.Invalid("Write a message.");
        if (text.Length > maxLength) throw DomainException.Invalid($"A message has at most {maxLength} characters.");
        return text;
    }

    public static ConversationStarted StartDirect(Guid senderId, Relation other, DateTimeOffset now)
    {
        if (other.UserId == senderId) throw DomainException.Invalid("You cannot message yourself.");
        Reach(other);
        return new ConversationStarted(Contracts.DeterministicId.DirectConversation(senderId, other.UserId), ConversationKind.Direct, null, null,
            [senderId, other.UserId], senderId, now);
    }

    public static ConversationStarted StartGroup(Guid conversationId, string title, Guid startedBy, IReadOnlyList<Relation> others, int maxSize, DateTimeOffset now)
    {
        title = title.Trim();
        if (title.Length is 0 or > 120) throw DomainException.Invalid("A group's title has 1 to 120 characters.");
        var members = others.Select(o => o.UserId).Where(id => id != startedBy).Distinct().ToList();
        if (members.Count == 0) throw DomainException.Invalid("Name at least one other member.");
        if (members.Count + 1 > maxSize) throw DomainException.Invalid($"A group has at most {maxSize} members.");
        foreach (var other in others.Where(o => o.UserId != startedBy)) Reach(other);
        return new ConversationStarted(conversationId, ConversationKind.Group, title, null, [startedBy, .. members], startedBy, now);
    }

    public static ConversationStarted StartChannel(Guid communityId, string communityName, Guid startedBy, DateTimeOffset now) =>
        new(Contracts.DeterministicId.CommunityChannel(communityId), ConversationKind.Community, communityName, communityId, [], startedBy, now);

    /// <summary>
    /// A channel takes the community's active members (and its creator and moderators); a group or direct conversation
    /// its members; a direct one only while neither has blocked the other.
    /// </summary>
    public static MessageSent Send(Conversation conversation, Guid messageId, Guid senderId, string body, bool insideCommunity, bool blocked,
        int maxLength, DateTimeOffset now)
    {
        if (conversation.Kind == ConversationKind.Community ? !insideCommunity : !conversation.MemberIds.Contains(senderId))
            throw new DomainException(ErrorCodes.Forbidden, "You are not in this conversation.");
        if (conversation.Kind == ConversationKind.Direct && blocked)
            throw new DomainException(ErrorCodes.Forbidden, "One of you has blocked the other.");
        return new MessageSent(messageId, conversation.Id, Body(body, maxLength), senderId, now);
    }

    private static void Reach(Relation other)
    {
        if (other.Blocked) throw new DomainException(ErrorCodes.Forbidden, "One of you has blocked the other.");
        if (!other.Reachable)
            throw new DomainException(ErrorCodes.Forbidden, "You can message people who share a community with you or follow you.");
    }
}
