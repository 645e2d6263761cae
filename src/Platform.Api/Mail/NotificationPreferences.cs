using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Mail;

namespace Platform.Api.Mail;

/// <summary>A member's notification preferences (SETT): a channel per kind and how often a digest comes. Every kind starts at EMAIL, the digest at NEVER.</summary>
public sealed record NotificationPreferences(Guid UserId, IReadOnlyDictionary<NotificationKind, NotificationChannel> Channels, DigestFrequency Digest)
{
    public static Guid StreamId(Guid userId) => DeterministicId.From("notification-preferences", userId.ToString());

    public static NotificationPreferences Default(Guid userId) =>
        new(userId, Enum.GetValues<NotificationKind>().ToDictionary(k => k, _ => NotificationChannel.Email), DigestFrequency.Never);

    public static NotificationPreferences Create(NotificationPreferencesUpdated e) => Default(e.UserId).Apply(e);

    public static NotificationPreferences Create(UnsubscribedByLink e) => Default(e.UserId).Apply(e);

    public NotificationPreferences Apply(NotificationPreferencesUpdated e) => this with
    {
        Channels = Channels.ToDictionary(c => c.Key, c => e.Channels.LastOrDefault(x => x.Kind == c.Key)?.Channel ?? c.Value),
        Digest = e.Digest ?? Digest,
    };

    public NotificationPreferences Apply(UnsubscribedByLink e) => e.Kind is { } kind
        ? this with { Channels = Channels.ToDictionary(c => c.Key, c => c.Key == kind && c.Value == NotificationChannel.Email ? NotificationChannel.InApp : c.Value) }
        : this with { Digest = DigestFrequency.Never };

    public bool Mails(NotificationKind kind) => Channels[kind] == NotificationChannel.Email;

    /// <summary>Pure: a kind named twice is refused, and nothing changes when nothing would.</summary>
    public static object[] Update(NotificationPreferences current, IReadOnlyList<KindChannel> channels, DigestFrequency? digest, DateTimeOffset now)
    {
        if (channels.Select(c => c.Kind).Distinct().Count() != channels.Count) throw DomainException.Invalid("Name each kind once.");
        var changed = channels.Where(c => current.Channels[c.Kind] != c.Channel).ToList();
        var digestChanged = digest is { } d && d != current.Digest ? digest : null;
        return changed.Count == 0 && digestChanged is null ? [] : [new NotificationPreferencesUpdated(current.UserId, changed, digestChanged, now)];
    }

    /// <summary>Pure: following an unsubscribe link twice changes nothing the second time. An in-app kind stays in-app: the link only stops mail.</summary>
    public static object[] Unsubscribe(NotificationPreferences current, NotificationKind? kind, DateTimeOffset now) =>
        (kind is { } k ? current.Mails(k) : current.Digest != DigestFrequency.Never) ? [new UnsubscribedByLink(current.UserId, kind, now)] : [];
}
