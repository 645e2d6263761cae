namespace Platform.Contracts.Mail;

/// <summary>What a notification is about; each kind has its own channel in a member's preferences.</summary>
public enum NotificationKind { Receipt, Refund, Payout, Reply, Mention, EventReminder, Moderation, TicketReply }

public enum NotificationChannel { InApp, Email, Off }

public enum DigestFrequency { Daily, Weekly, Never }

public sealed record KindChannel(NotificationKind Kind, NotificationChannel Channel);

// Preference streams: one per user, id DeterministicId.From("notification-preferences", userId).

/// <summary>
/// Only the kinds listed change; <c>Digest</c> null keeps the digest as it was, <c>DigestTimeZone</c> null keeps the zone the digest
/// is timed in (an IANA zone; events stored before it existed have none).
/// </summary>
public sealed record NotificationPreferencesUpdated(Guid UserId, IReadOnlyList<KindChannel> Channels, DigestFrequency? Digest, DateTimeOffset UpdatedAt,
    string? DigestTimeZone = null);

/// <summary>The member followed a signed one-click link in a mail: that kind is no longer mailed (the digest too, for <c>Kind</c> null).</summary>
public sealed record UnsubscribedByLink(Guid UserId, NotificationKind? Kind, DateTimeOffset UnsubscribedAt);
