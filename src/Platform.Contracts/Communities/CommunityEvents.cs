namespace Platform.Contracts.Communities;

public enum CommunityVisibility { Public, Private }

public enum JoinPolicy { Open, Approval, Paid }

public enum MembershipStatus { Pending, Active, Rejected, Left, Banned }

/// <summary>A sub-community has a <c>ParentId</c>; its creator is the parent's creator.</summary>
public sealed record CommunityCreated(
    Guid CommunityId, string Name, string Slug, string Description, CommunityVisibility Visibility,
    JoinPolicy JoinPolicy, int FeePercent, Guid? ParentId, Guid CreatedBy, DateTimeOffset CreatedAt);

/// <summary>What becomes of an erased member's posts and comments in a community: kept, shown as from "a deleted member", or removed.</summary>
public enum ErasedMemberContent { ShowAsDeletedMember, Remove }

/// <summary>Only the settings that changed are set; the others are null.</summary>
public sealed record CommunitySettingsChanged(
    Guid CommunityId, string? Name, string? Description, CommunityVisibility? Visibility, JoinPolicy? JoinPolicy,
    Guid ChangedBy, DateTimeOffset ChangedAt, ErasedMemberContent? ErasedMemberContent = null);

public sealed record LevelNamesSet(Guid CommunityId, IReadOnlyList<string> Names, Guid SetBy, DateTimeOffset SetAt);

// Membership streams: one per (community, user), id from DeterministicId.Membership.

public sealed record JoinRequested(Guid MembershipId, Guid CommunityId, Guid UserId, DateTimeOffset RequestedAt);

/// <summary>Someone became an active member: by joining an open community, by approval, or by an invitation.</summary>
public sealed record MemberJoined(Guid MembershipId, Guid CommunityId, Guid UserId, DateTimeOffset JoinedAt);

public sealed record JoinRequestApproved(Guid MembershipId, Guid CommunityId, Guid UserId, Guid ApprovedBy, DateTimeOffset ApprovedAt);

public sealed record JoinRequestRejected(Guid MembershipId, Guid CommunityId, Guid UserId, Guid RejectedBy, DateTimeOffset RejectedAt);

/// <summary>Leaving ends an active membership or withdraws a pending request (<c>WasActive</c> false).</summary>
public sealed record MemberLeft(Guid MembershipId, Guid CommunityId, Guid UserId, bool WasActive, DateTimeOffset LeftAt);

/// <summary><c>WasActive</c>: the ban ended an active membership (member counts go down).</summary>
/// <summary>A bought membership ended: fully refunded, disputed and lost, or its subscription ended.</summary>
public sealed record MembershipLapsed(Guid MembershipId, Guid CommunityId, Guid UserId, string Reason, DateTimeOffset LapsedAt);

public sealed record MemberBanned(Guid MembershipId, Guid CommunityId, Guid UserId, bool WasActive, string Reason, Guid BannedBy, DateTimeOffset BannedAt);

public sealed record MemberUnbanned(Guid MembershipId, Guid CommunityId, Guid UserId, Guid UnbannedBy, DateTimeOffset UnbannedAt);

// Invitation streams: one per invitation. The token itself is never stored, only its SHA-256.

public sealed record MemberInvited(
    Guid InvitationId, Guid CommunityId, string Email, string TokenHash, DateTimeOffset ExpiresAt, Guid InvitedBy, DateTimeOffset InvitedAt);

public sealed record InvitationAccepted(Guid InvitationId, Guid CommunityId, Guid UserId, DateTimeOffset AcceptedAt);
