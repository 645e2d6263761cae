using Platform.Api.Infrastructure;
using Platform.Contracts.Chat;

namespace Platform.Api.Chat;

/// <summary>The write model of one message (its own stream): who wrote it and whether it is gone.</summary>
public sealed record Message(Guid Id, Guid ConversationId, Guid SenderId, bool Deleted)
{
    public static Message Create(MessageSent e) => new(e.MessageId, e.ConversationId, e.SenderId, false);

    public Message Apply(MessageDeleted e) => this with { Deleted = true };
}

public static class Messages
{
    /// <summary>Only the sender edits, and not after deletion.</summary>
    public static MessageEdited Edit(Message? message, Guid editedBy, string body, int maxLength, DateTimeOffset now)
    {
        if (message is null || message.Deleted || message.SenderId != editedBy) throw DomainException.NotFound("The message");
        return new MessageEdited(message.Id, message.ConversationId, Conversations.Body(body, maxLength), editedBy, now);
    }

    /// <summary>The sender, or (in a community channel) the community's creator or a moderator; deleting twice changes nothing.</summary>
    public static object[] Delete(Message? message, Guid deletedBy, bool channelStaff, DateTimeOffset now)
    {
        if (message is null || !(message.SenderId == deletedBy || channelStaff)) throw DomainException.NotFound("The message");
        return message.Deleted ? [] : [new MessageDeleted(message.Id, message.ConversationId, deletedBy, now)];
    }
}
