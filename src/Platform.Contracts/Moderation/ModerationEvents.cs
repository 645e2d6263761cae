namespace Platform.Contracts.Moderation;

/// <summary>Why a member reports something (MODQ); OTHER needs a text.</summary>
public enum ReportReason { Spam, Harassment, OffTopic, Other }

/// <summary>What can be reported: a post, a comment, a member (named by the membership id, which fixes the community), or a message
/// in a community's channel.</summary>
public enum ModerationTargetKind { Post, Comment, Member, Message }

/// <summary>A moderator's decision on a target's open reports.</summary>
public enum ModerationAction { Dismiss, Hide, Delete, Warn, Ban }

/// <summary>
/// A moderation case stream per reported target (<c>DeterministicId.ModerationCase</c>): every report, hiding, decision, restore
/// and appeal on that target, each with its actor and reason, so the case is the community's moderation log for it.
/// <c>Snapshot</c> is the content as the reporter saw it: it may be edited afterwards.
/// </summary>
public sealed record ContentReported(
    Guid CaseId, Guid ReportId, Guid TargetId, ModerationTargetKind Kind, Guid CommunityId, Guid? PostId, Guid AuthorId,
    ReportReason Reason, string? Text, string Snapshot, Guid ReporterId, DateTimeOffset ReportedAt);

/// <summary>Members stop seeing the target; staff still do. <c>Automatic</c>: enough distinct members reported it (no actor).</summary>
public sealed record ContentHidden(
    Guid CaseId, Guid TargetId, ModerationTargetKind Kind, Guid CommunityId, Guid? PostId, bool Automatic, string Reason, Guid? HiddenBy,
    DateTimeOffset HiddenAt);

/// <summary>A moderator decided on every open report of the target; the reporters are told.</summary>
public sealed record ReportsResolved(
    Guid CaseId, Guid TargetId, ModerationTargetKind Kind, Guid CommunityId, Guid AuthorId, ModerationAction Action, string Reason,
    IReadOnlyList<Guid> ReportIds, IReadOnlyList<Guid> Reporters, Guid ResolvedBy, DateTimeOffset ResolvedAt);

/// <summary>Hidden content is visible to members again.</summary>
public sealed record ContentRestored(
    Guid CaseId, Guid TargetId, ModerationTargetKind Kind, Guid CommunityId, Guid? PostId, string Reason, Guid RestoredBy, DateTimeOffset RestoredAt);

/// <summary>The author of hidden or deleted content, or a banned member, asks once for another look.</summary>
public sealed record ModerationAppealed(Guid CaseId, Guid TargetId, Guid CommunityId, Guid AuthorId, string Text, DateTimeOffset AppealedAt);
/// <summary>The community's creator chose how many distinct members' reports hide a post or comment until a moderator decides.</summary>
public sealed record AutoHideThresholdSet(Guid CommunityId, int Threshold, Guid SetBy, DateTimeOffset SetAt);
