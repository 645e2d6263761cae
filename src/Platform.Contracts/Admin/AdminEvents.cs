namespace Platform.Contracts.Admin;

/// <summary>On the user's stream: every token of the user is refused and their content hidden until <see cref="UserUnsuspended"/>.</summary>
public sealed record UserSuspended(Guid UserId, string Reason, Guid SuspendedBy, DateTimeOffset SuspendedAt);

public sealed record UserUnsuspended(Guid UserId, Guid UnsuspendedBy, DateTimeOffset UnsuspendedAt);

/// <summary>On the community's stream: featured communities come first in discovery.</summary>
public sealed record CommunityFeatured(Guid CommunityId, Guid FeaturedBy, DateTimeOffset FeaturedAt);

public sealed record CommunityUnfeatured(Guid CommunityId, Guid UnfeaturedBy, DateTimeOffset UnfeaturedAt);

/// <summary>On a stream of the dead letter's own id: an admin sent a failed message back to its queue to be handled again.</summary>
public sealed record DeadLetterReplayed(Guid DeadLetterId, string MessageType, string ExceptionType, Guid ReplayedBy, DateTimeOffset ReplayedAt);

/// <summary>On a stream of the dead letter's own id: an admin threw a failed message away, and said why.</summary>
public sealed record DeadLetterDiscarded(Guid DeadLetterId, string MessageType, string ExceptionType, string Reason, Guid DiscardedBy, DateTimeOffset DiscardedAt);
