namespace Platform.Contracts.Social;

/// <summary>LIKE only for now; the kind is part of a reaction's id, so more kinds can follow without a migration.</summary>
public enum ReactionKind { Like }

public enum FollowTarget { User, Community }

/// <summary>A post stream holds the post, its edits, its deletion and its comments. Mentions are resolved to user ids when decided.</summary>
public sealed record PostCreated(
    Guid PostId, Guid CommunityId, Guid? CourseId, string Title, string Body, string Category, IReadOnlyList<Guid> Mentioned,
    Guid AuthorId, DateTimeOffset CreatedAt);

/// <summary>The new text; earlier versions stay in the stream. <c>NewlyMentioned</c> are the people this edit mentions first.</summary>
public sealed record PostEdited(
    Guid PostId, Guid CommunityId, string Title, string Body, string Category, IReadOnlyList<Guid> NewlyMentioned, Guid EditedBy, DateTimeOffset EditedAt);

/// <summary>Soft: the post and its history stay in the event store; readers stop seeing it.</summary>
public sealed record PostDeleted(Guid PostId, Guid CommunityId, Guid? CourseId, Guid AuthorId, string Reason, Guid DeletedBy, DateTimeOffset DeletedAt);

/// <summary>A comment on the post, or a reply to one of its top-level comments (one level deep). Who gets notified is on the event.</summary>
public sealed record CommentAdded(
    Guid PostId, Guid CommentId, Guid? ParentCommentId, Guid CommunityId, string Body, IReadOnlyList<Guid> Mentioned,
    Guid PostAuthorId, Guid? ParentAuthorId, Guid AuthorId, DateTimeOffset AddedAt);

/// <summary>
/// On the post's stream: a comment taken down for good (its author's account was erased in a community that removes an erased
/// member's content). Readers stop seeing it and its replies; the post's author and the replied-to author identify its notifications.
/// </summary>
public sealed record CommentRemoved(
    Guid PostId, Guid CommentId, Guid CommunityId, Guid PostAuthorId, Guid? ParentAuthorId, Guid AuthorId, string Reason, Guid RemovedBy,
    DateTimeOffset RemovedAt);

/// <summary>A reaction stream per (target, user, kind), id from <c>DeterministicId.Reaction</c>: two racing reactions meet on one stream.</summary>
public sealed record Reacted(
    Guid ReactionId, Guid TargetId, Guid PostId, Guid CommunityId, Guid TargetAuthorId, ReactionKind Kind, Guid UserId, DateTimeOffset ReactedAt);

public sealed record Unreacted(Guid ReactionId, Guid TargetId, Guid PostId, Guid CommunityId, ReactionKind Kind, Guid UserId, DateTimeOffset UnreactedAt);

/// <summary>A follow stream per (follower, target), id from <c>DeterministicId.Follow</c>.</summary>
public sealed record Followed(Guid FollowId, Guid FollowerId, Guid TargetId, FollowTarget Target, DateTimeOffset FollowedAt);

public sealed record Unfollowed(Guid FollowId, Guid FollowerId, Guid TargetId, FollowTarget Target, DateTimeOffset UnfollowedAt);

/// <summary>Notifications up to <c>UpTo</c> are read; on the user's notification stream (<c>DeterministicId.Notifications</c>).</summary>
public sealed record NotificationsRead(Guid UserId, DateTimeOffset UpTo, DateTimeOffset ReadAt);
