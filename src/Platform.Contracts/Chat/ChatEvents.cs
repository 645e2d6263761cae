namespace Platform.Contracts.Chat;

public enum ConversationKind { Direct, Group, Community }

/// <summary>
/// A conversation stream holds only its start: messages live in streams of their own (one per message), so a
/// conversation never grows one long stream however much is said in it. A direct conversation's id comes from
/// <c>DeterministicId.DirectConversation</c> and a community's channel from <c>DeterministicId.CommunityChannel</c>,
/// so two people starting the same conversation at once meet on one stream.
/// </summary>
public sealed record ConversationStarted(
    Guid ConversationId, ConversationKind Kind, string? Title, Guid? CommunityId, IReadOnlyList<Guid> MemberIds, Guid StartedBy, DateTimeOffset StartedAt);

/// <summary>A message stream per message: its sending, edits and soft deletion.</summary>
public sealed record MessageSent(Guid MessageId, Guid ConversationId, string Body, Guid SenderId, DateTimeOffset SentAt);

/// <summary>The new text; earlier versions stay in the message's stream.</summary>
public sealed record MessageEdited(Guid MessageId, Guid ConversationId, string Body, Guid EditedBy, DateTimeOffset EditedAt);

/// <summary>Soft: the text stays in the event store, readers see that it was deleted and by whom.</summary>
public sealed record MessageDeleted(Guid MessageId, Guid ConversationId, Guid DeletedBy, DateTimeOffset DeletedAt);

/// <summary>On the reader's marker stream per conversation (<c>DeterministicId.ConversationRead</c>): messages up to <c>UpTo</c> are read.</summary>
public sealed record ConversationRead(Guid ConversationId, Guid UserId, DateTimeOffset UpTo, DateTimeOffset ReadAt);

/// <summary>A block stream per (blocker, blocked), id from <c>DeterministicId.Block</c>: no direct messages either way while it holds.</summary>
public sealed record UserBlocked(Guid BlockId, Guid BlockerId, Guid BlockedId, DateTimeOffset BlockedAt);

public sealed record UserUnblocked(Guid BlockId, Guid BlockerId, Guid BlockedId, DateTimeOffset UnblockedAt);
