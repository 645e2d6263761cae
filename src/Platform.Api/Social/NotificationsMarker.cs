using Platform.Contracts.Social;

namespace Platform.Api.Social;

/// <summary>The write model of one person's notification state: how far they have read.</summary>
public sealed record NotificationsMarker(Guid UserId, DateTimeOffset ReadUpTo)
{
    public static NotificationsMarker Create(NotificationsRead e) => new(e.UserId, e.UpTo);

    public NotificationsMarker Apply(NotificationsRead e) => this with { ReadUpTo = e.UpTo };

    /// <summary>The marker only moves forward, and never past now.</summary>
    public static object[] MarkRead(NotificationsMarker? current, MarkNotificationsRead command, DateTimeOffset now)
    {
        var upTo = command.UpTo is { } given && given < now ? given : now;
        return current is not null && current.ReadUpTo >= upTo ? [] : [new NotificationsRead(command.UserId, upTo, now)];
    }
}
