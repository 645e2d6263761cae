using JasperFx.Events;
using Marten.Events.Projections;

namespace Platform.Projections.Admin;

/// <summary>When a person last did something recorded (ADMN's active users): the latest event carrying their id as its user name.</summary>
public sealed class UserActivity
{
    public Guid Id { get; set; }
    public DateTimeOffset LastActiveAt { get; set; }
}

/// <summary>
/// Async and rebuildable, over every event. A user was active since a moment exactly when their last activity is at or after it, so
/// counting active users reads one row per user instead of every event of the period. Events recorded by webhooks
/// ("webhook:&lt;event id&gt;") and schedules carry no user id and count for nobody.
/// </summary>
public sealed class UserActivityProjection : MultiStreamProjection<UserActivity, Guid>
{
    public UserActivityProjection() =>
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events)
                if (Guid.TryParseExact(e.UserName, "D", out var user)) grouping.AddEvent(user, e);
            return Task.CompletedTask;
        });

    // The latest timestamp, not the last event's: transactions commit out of timestamp order.
    public override UserActivity? Evolve(UserActivity? snapshot, Guid id, IEvent e) =>
        snapshot is not null && snapshot.LastActiveAt >= e.Timestamp ? snapshot : new UserActivity { Id = id, LastActiveAt = e.Timestamp };
}
