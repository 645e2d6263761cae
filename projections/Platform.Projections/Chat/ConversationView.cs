using Marten.Events.Projections;
using Platform.Contracts.Chat;

namespace Platform.Projections.Chat;

/// <summary>A conversation as lists show it (CHAT): who is in it and its latest message, the list's sort key.</summary>
public sealed class ConversationView
{
    public Guid Id { get; set; }
    public ConversationKind Kind { get; set; }
    public string? Title { get; set; }
    /// <summary>Set for a community channel: its members are the community's active members, not a list here.</summary>
    public Guid? CommunityId { get; set; }
    public List<Guid> MemberIds { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>The latest message's time, or the start: conversations are listed by it, newest first.</summary>
    public DateTimeOffset LastActivityAt { get; set; }
    public Guid? LastMessageId { get; set; }
}

/// <summary>
/// Inline, across the conversation's stream and its messages' streams: the answer to a send lists the conversation
/// at once. Two sends committing together may leave the earlier one as "latest" for a moment's difference; the
/// messages themselves are read from <see cref="ChatMessage"/>.
/// </summary>
public sealed partial class ConversationViewProjection : MultiStreamProjection<ConversationView, Guid>
{
    public ConversationViewProjection()
    {
        Identity<ConversationStarted>(e => e.ConversationId);
        Identity<MessageSent>(e => e.ConversationId);
    }

    public static ConversationView Create(ConversationStarted e) => new()
    {
        Id = e.ConversationId, Kind = e.Kind, Title = e.Title, CommunityId = e.CommunityId, MemberIds = [.. e.MemberIds],
        StartedAt = e.StartedAt, LastActivityAt = e.StartedAt,
    };

    public static void Apply(MessageSent e, ConversationView view)
    {
        if (e.SentAt < view.LastActivityAt) return;
        (view.LastActivityAt, view.LastMessageId) = (e.SentAt, e.MessageId);
    }
}
