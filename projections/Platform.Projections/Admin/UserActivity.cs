using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Projections;

namespace Platform.Projections.Admin;

/// <summary>When a person last did something recorded (ADMN's active users): the latest event carrying their id as its user name, to within <see cref="UserActivityProjection.Granularity"/>.</summary>
public sealed class UserActivity
{
    public Guid Id { get; set; }
    public DateTimeOffset LastActiveAt { get; set; }
}

/// <summary>
/// Async and rebuildable, over every event. A user was active since a moment when their last activity is at or after it (to within
/// <see cref="Granularity"/>), so counting active users reads one row per user instead of every event of the period. Events recorded
/// by webhooks ("webhook:&lt;event id&gt;") and schedules carry no user id and count for nobody.
/// </summary>
public sealed class UserActivityProjection : MultiStreamProjection<UserActivity, Guid>
{
    /// <summary>
    /// How stale a last activity may be. Someone at work records an event every few seconds; the 7- and 30-day counts need no
    /// more than the moment they came back, so their row is written when an activity is this much later than the one it holds,
    /// not on every event (which was an upsert per active user in every daemon batch).
    /// </summary>
    public static readonly TimeSpan Granularity = TimeSpan.FromMinutes(10);

    public UserActivityProjection() =>
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events)
                if (Guid.TryParseExact(e.UserName, "D", out var user)) grouping.AddEvent(user, e);
            return Task.CompletedTask;
        });

    // Folded event by event in sequence order, so a rebuild's pages give what the live batches gave. An event earlier than the
    // one held never moves it back: transactions commit out of timestamp order.
    public override (UserActivity?, ActionType) DetermineAction(UserActivity? snapshot, Guid id, IReadOnlyList<IEvent> events)
    {
        var last = snapshot?.LastActiveAt;
        foreach (var e in events)
            if (last is not { } held || e.Timestamp >= held + Granularity) last = e.Timestamp;
        return last is { } moved && moved != snapshot?.LastActiveAt
            ? (new UserActivity { Id = id, LastActiveAt = moved }, ActionType.Store)
            : (snapshot, ActionType.Nothing);
    }
}
