namespace Platform.Contracts.Communities;

public enum CommunityVisibility { Public, Private }

public enum JoinPolicy { Open, Approval, Paid }

public enum MembershipStatus { Pending, Active }

public sealed record CommunityCreated(
    Guid CommunityId, string Name, string Slug, string Description, CommunityVisibility Visibility,
    JoinPolicy JoinPolicy, int FeePercent, Guid? ParentId, Guid CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Membership streams have one stream per (community, user); their ids come from <c>MembershipIds</c>.</summary>
public sealed record JoinRequested(Guid MembershipId, Guid CommunityId, Guid UserId, DateTimeOffset RequestedAt);

public sealed record MemberJoined(Guid MembershipId, Guid CommunityId, Guid UserId, DateTimeOffset JoinedAt);
