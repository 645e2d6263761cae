using Marten.Events.Aggregation;
using Platform.Contracts.Chat;

namespace Platform.Projections.Chat;

/// <summary>
/// One message, one document (its stream is the message's own). Pages of a conversation are read newest first on the
/// (conversation, sent at, id) index, so the newest page costs the same in a conversation of ten or of a million messages.
/// </summary>
public sealed class ChatMessage
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid SenderId { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedBy { get; set; }
}

/// <summary>Inline: the sender's answer and the live subscribers (woken on commit) read it at once.</summary>
public sealed partial class ChatMessageProjection : SingleStreamProjection<ChatMessage, Guid>
{
    public static ChatMessage Create(MessageSent e) => new()
    {
        Id = e.MessageId, ConversationId = e.ConversationId, SenderId = e.SenderId, Body = e.Body, SentAt = e.SentAt,
    };

    public static void Apply(MessageEdited e, ChatMessage message) => (message.Body, message.EditedAt) = (e.Body, e.EditedAt);

    /// <summary>Readers keep the place and who deleted it, not the text (the event store keeps that).</summary>
    public static void Apply(MessageDeleted e, ChatMessage message) => (message.Body, message.DeletedAt, message.DeletedBy) = ("", e.DeletedAt, e.DeletedBy);
}

/// <summary>How far one person has read one conversation.</summary>
public sealed class ConversationReadMarker
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset UpTo { get; set; }
}

public sealed partial class ConversationReadMarkerProjection : SingleStreamProjection<ConversationReadMarker, Guid>
{
    public static ConversationReadMarker Create(ConversationRead e) => new() { Id = Contracts.DeterministicId.ConversationRead(e.ConversationId, e.UserId),
        ConversationId = e.ConversationId, UserId = e.UserId, UpTo = e.UpTo };

    public static void Apply(ConversationRead e, ConversationReadMarker marker) => marker.UpTo = e.UpTo;
}

/// <summary>One person blocking another; <c>Active</c> is false once lifted.</summary>
public sealed class BlockView
{
    public Guid Id { get; set; }
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public bool Active { get; set; }
}

public sealed partial class BlockViewProjection : SingleStreamProjection<BlockView, Guid>
{
    public static BlockView Create(UserBlocked e) => new() { Id = e.BlockId, BlockerId = e.BlockerId, BlockedId = e.BlockedId, Active = true };

    public static void Apply(UserBlocked e, BlockView block) => block.Active = true;

    public static void Apply(UserUnblocked e, BlockView block) => block.Active = false;
}
