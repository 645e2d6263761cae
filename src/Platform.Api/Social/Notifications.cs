using Marten;
using Platform.Contracts;
using Platform.Contracts.Social;

namespace Platform.Api.Social;

/// <summary>Marks the caller's notifications up to a moment as read; none means up to now.</summary>
public sealed record MarkNotificationsRead(Guid UserId, DateTimeOffset? UpTo);

/// <summary>The write model of one person's notification state: how far they have read.</summary>
public sealed record NotificationsMarker(Guid UserId, DateTimeOffset ReadUpTo)
{
    public static NotificationsMarker Create(NotificationsRead e) => new(e.UserId, e.UpTo);

    public NotificationsMarker Apply(NotificationsRead e) => this with { ReadUpTo = e.UpTo };
}

public static class Notifications
{
    /// <summary>The marker only moves forward, and never past now.</summary>
    public static object[] MarkRead(NotificationsMarker? current, MarkNotificationsRead command, DateTimeOffset now)
    {
        var upTo = command.UpTo is { } given && given < now ? given : now;
        return current is not null && current.ReadUpTo >= upTo ? [] : [new NotificationsRead(command.UserId, upTo, now)];
    }
}

public static class NotificationsHandler
{
    public static async Task Handle(MarkNotificationsRead command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<NotificationsMarker>(DeterministicId.Notifications(command.UserId), cancellation);
        stream.AppendMany(Notifications.MarkRead(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
