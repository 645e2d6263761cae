using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Mail;

namespace Platform.Api.Mail;

/// <summary>
/// A member's notification preferences (SETT): a channel per kind and how often a digest comes, timed in <c>DigestTimeZone</c>
/// (UTC until the member names one). Every kind starts at EMAIL, the digest at NEVER. <c>DigestSince</c> is when the digest last
/// changed: a period that ended before it is not owed. Also an inline snapshot (id: the stream's), so the digest schedule can
/// find who wants one.
/// </summary>
public sealed record NotificationPreferences(Guid Id, Guid UserId, IReadOnlyDictionary<NotificationKind, NotificationChannel> Channels, DigestFrequency Digest,
    string DigestTimeZone, DateTimeOffset? DigestSince)
{
    public const int MaxTimeZone = 64;

    public static Guid StreamId(Guid userId) => DeterministicId.From("notification-preferences", userId.ToString());

    public static NotificationPreferences Default(Guid userId) =>
        new(StreamId(userId), userId, Enum.GetValues<NotificationKind>().ToDictionary(k => k, _ => NotificationChannel.Email), DigestFrequency.Never, "UTC", null);

    public static NotificationPreferences Create(NotificationPreferencesUpdated e) => Default(e.UserId).Apply(e);

    public static NotificationPreferences Create(UnsubscribedByLink e) => Default(e.UserId).Apply(e);

    public NotificationPreferences Apply(NotificationPreferencesUpdated e) => this with
    {
        Channels = Channels.ToDictionary(c => c.Key, c => e.Channels.LastOrDefault(x => x.Kind == c.Key)?.Channel ?? c.Value),
        Digest = e.Digest ?? Digest,
        DigestTimeZone = e.DigestTimeZone ?? DigestTimeZone,
        DigestSince = e.Digest is null && e.DigestTimeZone is null ? DigestSince : e.UpdatedAt,
    };

    public NotificationPreferences Apply(UnsubscribedByLink e) => e.Kind is { } kind
        ? this with { Channels = Channels.ToDictionary(c => c.Key, c => c.Key == kind && c.Value == NotificationChannel.Email ? NotificationChannel.InApp : c.Value) }
        : this with { Digest = DigestFrequency.Never, DigestSince = e.UnsubscribedAt };

    public bool Mails(NotificationKind kind) => Channels[kind] == NotificationChannel.Email;

    /// <summary>Pure: a kind named twice or an unknown zone is refused, and nothing changes when nothing would.</summary>
    public static object[] Update(NotificationPreferences current, IReadOnlyList<KindChannel> channels, DigestFrequency? digest, DateTimeOffset now,
        string? digestTimeZone = null)
    {
        if (channels.Select(c => c.Kind).Distinct().Count() != channels.Count) throw DomainException.Invalid("Name each kind once.");
        if (digestTimeZone is not null && (digestTimeZone.Length > MaxTimeZone || NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(digestTimeZone) is null))
            throw DomainException.Invalid($"'{digestTimeZone[..Math.Min(digestTimeZone.Length, MaxTimeZone)]}' is not an IANA time zone such as Europe/Berlin.");
        var changed = channels.Where(c => current.Channels[c.Kind] != c.Channel).ToList();
        var digestChanged = digest is { } d && d != current.Digest ? digest : null;
        var zoneChanged = digestTimeZone is not null && digestTimeZone != current.DigestTimeZone ? digestTimeZone : null;
        return changed.Count == 0 && digestChanged is null && zoneChanged is null
            ? []
            : [new NotificationPreferencesUpdated(current.UserId, changed, digestChanged, now, zoneChanged)];
    }

    /// <summary>Pure: following an unsubscribe link twice changes nothing the second time. An in-app kind stays in-app: the link only stops mail.</summary>
    public static object[] Unsubscribe(NotificationPreferences current, NotificationKind? kind, DateTimeOffset now) =>
        (kind is { } k ? current.Mails(k) : current.Digest != DigestFrequency.Never) ? [new UnsubscribedByLink(current.UserId, kind, now)] : [];
}
