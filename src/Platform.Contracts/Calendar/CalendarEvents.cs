namespace Platform.Contracts.Calendar;

// A calendar event's stream (EVNT) holds the event, its moves, its cancellation and every RSVP: capacity is decided on one stream.
// The module is called Calendar, not Events, so "event" always means an event-sourcing event everywhere else.

public enum RsvpAnswer { Going, Maybe, NotGoing }

/// <summary>Where an answer left the member: GOING takes a seat, or a place on the waiting list when the event is full.</summary>
public enum RsvpStatus { Going, Waitlisted, Maybe, NotGoing }

/// <summary>Every <c>IntervalWeeks</c> weeks on the first occurrence's weekday, at its wall-clock time in the event's zone, up to
/// <c>Until</c> (a local date, inclusive); <c>Exceptions</c> are local dates without an occurrence.</summary>
public sealed record WeeklyRecurrence(int IntervalWeeks, DateOnly? Until, IReadOnlyList<DateOnly> Exceptions);

public sealed record CalendarEventScheduled(
    Guid EventId, Guid CommunityId, string Title, string Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    string? Url, string? Location, int? Capacity, WeeklyRecurrence? Recurrence, Guid ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>The event (for a series: its first occurrence, and so the whole series) moved.</summary>
public sealed record CalendarEventMoved(Guid EventId, Guid CommunityId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid MovedBy, DateTimeOffset MovedAt);

public sealed record CalendarEventCancelled(Guid EventId, Guid CommunityId, Guid CancelledBy, DateTimeOffset CancelledAt);

public sealed record RsvpGiven(Guid EventId, Guid UserId, RsvpStatus Status, DateTimeOffset AnsweredAt);

/// <summary>A seat came free and the first on the waiting list took it.</summary>
public sealed record WaitlistPromoted(Guid EventId, Guid UserId, DateTimeOffset PromotedAt);

/// <summary>
/// Staff recorded that a member attended one occurrence (named by its start): it earns the community's points per event
/// attended. Recorded by staff, not checked in by the member, because points unlock courses and a self check-in is easy to farm.
/// </summary>
public sealed record AttendanceRecorded(Guid EventId, Guid CommunityId, DateTimeOffset OccurrenceStartsAt, Guid UserId, Guid RecordedBy, DateTimeOffset RecordedAt);
