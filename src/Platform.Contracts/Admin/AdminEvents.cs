namespace Platform.Contracts.Admin;

/// <summary>On the user's stream: every token of the user is refused and their content hidden until <see cref="UserUnsuspended"/>.</summary>
public sealed record UserSuspended(Guid UserId, string Reason, Guid SuspendedBy, DateTimeOffset SuspendedAt);

public sealed record UserUnsuspended(Guid UserId, Guid UnsuspendedBy, DateTimeOffset UnsuspendedAt);

/// <summary>On the community's stream: featured communities come first in discovery.</summary>
public sealed record CommunityFeatured(Guid CommunityId, Guid FeaturedBy, DateTimeOffset FeaturedAt);

public sealed record CommunityUnfeatured(Guid CommunityId, Guid UnfeaturedBy, DateTimeOffset UnfeaturedAt);
