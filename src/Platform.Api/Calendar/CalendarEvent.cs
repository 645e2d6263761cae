using System.Collections.Immutable;
using NodaTime;
using Platform.Api.Infrastructure;
using Platform.Contracts.Calendar;

namespace Platform.Api.Calendar;

/// <summary>One occurrence of an event: instants, and the wall-clock start in the zone it was asked for.</summary>
public sealed record Occurrence(DateTimeOffset StartsAt, DateTimeOffset EndsAt, LocalDateTime LocalStart, string TimeZone);

/// <summary>A member recorded as attending the occurrence that starts at <c>OccurrenceStartsAt</c>.</summary>
public sealed record Attendance(DateTimeOffset OccurrenceStartsAt, Guid UserId);

/// <summary>The write model of an event stream, with its pure rules (<c>now</c> passed in).</summary>
public sealed record CalendarEvent(
    Guid Id, Guid CommunityId, string Title, string Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone,
    string? Url, string? Location, int? Capacity, WeeklyRecurrence? Recurrence, bool Cancelled,
    ImmutableList<Guid> Going, ImmutableList<Guid> Waiting, ImmutableHashSet<Guid> Maybe)
{
    public const int MaxTitle = 200, MaxDescription = 5000, MaxUrl = 2000, MaxExceptions = 200, MaxCapacity = 100_000, MaxAttendeesPerCall = 500;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);
    /// <summary>How long after an occurrence starts its attendance may still be recorded.</summary>
    public static readonly TimeSpan AttendanceWindow = TimeSpan.FromDays(30);

    /// <summary>Who attended which occurrence: recording a member twice for one occurrence appends (and earns) nothing more.</summary>
    public ImmutableHashSet<Attendance> Attended { get; init; } = [];

    /// <summary>Who declined: a member who said NOT_GOING is not one who never answered.</summary>
    public ImmutableHashSet<Guid> NotGoing { get; init; } = [];

    public static CalendarEvent Create(CalendarEventScheduled e) => new(e.EventId, e.CommunityId, e.Title, e.Description, e.StartsAt, e.EndsAt,
        e.TimeZone, e.Url, e.Location, e.Capacity, e.Recurrence, false, [], [], []);

    public CalendarEvent Apply(CalendarEventMoved e) => this with { StartsAt = e.StartsAt, EndsAt = e.EndsAt };

    public CalendarEvent Apply(CalendarEventCancelled _) => this with { Cancelled = true };

    public CalendarEvent Apply(RsvpGiven e)
    {
        var without = this with
        {
            Going = Going.Remove(e.UserId), Waiting = Waiting.Remove(e.UserId), Maybe = Maybe.Remove(e.UserId), NotGoing = NotGoing.Remove(e.UserId),
        };
        return e.Status switch
        {
            RsvpStatus.Going => without with { Going = without.Going.Add(e.UserId) },
            RsvpStatus.Waitlisted => without with { Waiting = without.Waiting.Add(e.UserId) },
            RsvpStatus.Maybe => without with { Maybe = without.Maybe.Add(e.UserId) },
            _ => without with { NotGoing = without.NotGoing.Add(e.UserId) },
        };
    }

    public CalendarEvent Apply(WaitlistPromoted e) => this with { Waiting = Waiting.Remove(e.UserId), Going = Going.Add(e.UserId) };

    public CalendarEvent Apply(AttendanceRecorded e) => this with { Attended = Attended.Add(new(e.OccurrenceStartsAt, e.UserId)) };

    public RsvpStatus? StatusOf(Guid userId) =>
        Going.Contains(userId) ? RsvpStatus.Going : Waiting.Contains(userId) ? RsvpStatus.Waitlisted : Maybe.Contains(userId) ? RsvpStatus.Maybe
        : NotGoing.Contains(userId) ? RsvpStatus.NotGoing : null;

    public static DateTimeZone Zone(string timeZone) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? throw DomainException.Invalid($"'{timeZone}' is not an IANA time zone such as Europe/Berlin.");

    /// <summary>Pure: validates everything a new event says.</summary>
    public static object[] Schedule(CalendarEventScheduled proposed)
    {
        var e = proposed with { Title = proposed.Title.Trim(), Description = proposed.Description.Trim() };
        if (e.Title.Length is 0 or > MaxTitle) throw DomainException.Invalid($"A title has 1 to {MaxTitle} characters.");
        if (e.Description.Length > MaxDescription) throw DomainException.Invalid($"A description has at most {MaxDescription} characters.");
        CheckTimes(e.StartsAt, e.EndsAt);
        Zone(e.TimeZone);
        if (e.Url is { } url && (url.Length > MaxUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            throw DomainException.Invalid("The url is an http or https address.");
        if (e.Location is { Length: > MaxTitle }) throw DomainException.Invalid($"A location has at most {MaxTitle} characters.");
        if (e.Capacity is < 1 or > MaxCapacity) throw DomainException.Invalid($"Capacity is between 1 and {MaxCapacity}, or none.");
        if (e.Recurrence is { } r)
        {
            if (r.IntervalWeeks is < 1 or > 52) throw DomainException.Invalid("A weekly recurrence repeats every 1 to 52 weeks.");
            if (r.Exceptions.Count > MaxExceptions) throw DomainException.Invalid($"At most {MaxExceptions} exceptions.");
            if (r.Until is { } until && until < DateOnly.FromDateTime(e.StartsAt.UtcDateTime.AddDays(-1)))
                throw DomainException.Invalid("A recurrence ends after it starts.");
        }
        return [e];
    }

    private static void CheckTimes(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        if (endsAt <= startsAt) throw DomainException.Invalid("An event ends after it starts.");
        if (endsAt - startsAt > MaxDuration) throw DomainException.Invalid("An event lasts at most 7 days.");
    }

    public object[] Move(DateTimeOffset startsAt, DateTimeOffset endsAt, Guid by, DateTimeOffset now)
    {
        if (Cancelled) throw DomainException.Conflict("The event was cancelled.");
        CheckTimes(startsAt, endsAt);
        return startsAt == StartsAt && endsAt == EndsAt ? [] : [new CalendarEventMoved(Id, CommunityId, startsAt, endsAt, by, now)];
    }

    public object[] Cancel(Guid by, DateTimeOffset now) => Cancelled ? [] : [new CalendarEventCancelled(Id, CommunityId, by, now)];

    /// <summary>Pure: GOING takes a free seat or joins the waiting list; leaving a seat gives it to the first who waits.</summary>
    public object[] Rsvp(Guid userId, RsvpAnswer answer, DateTimeOffset now)
    {
        if (Cancelled) throw DomainException.Conflict("The event was cancelled.");
        var current = StatusOf(userId);
        var wanted = answer switch
        {
            RsvpAnswer.Going when current is RsvpStatus.Going or RsvpStatus.Waitlisted => current.Value,
            RsvpAnswer.Going => Capacity is { } seats && Going.Count >= seats ? RsvpStatus.Waitlisted : RsvpStatus.Going,
            RsvpAnswer.Maybe => RsvpStatus.Maybe,
            _ => RsvpStatus.NotGoing,
        };
        if (wanted == current) return [];
        List<object> events = [new RsvpGiven(Id, userId, wanted, now)];
        if (current == RsvpStatus.Going && Waiting.FirstOrDefault() is var next && next != Guid.Empty)
            events.Add(new WaitlistPromoted(Id, next, now));
        return [.. events];
    }

    /// <summary>
    /// Pure: staff record members who attended the occurrence starting at <paramref name="occurrenceStartsAt"/>, from its start until
    /// <see cref="AttendanceWindow"/> after; members already recorded for it are left out. Staff never record themselves.
    /// </summary>
    public object[] RecordAttendance(DateTimeOffset occurrenceStartsAt, IReadOnlyCollection<Guid> userIds, Guid by, DateTimeOffset now)
    {
        if (Cancelled) throw DomainException.Conflict("The event was cancelled.");
        if (userIds.Count is 0 or > MaxAttendeesPerCall) throw DomainException.Invalid($"Record 1 to {MaxAttendeesPerCall} members at a time.");
        if (userIds.Contains(by)) throw DomainException.Invalid("Staff record the attendance of others, not their own.");
        var occurrence = Occurrences(occurrenceStartsAt, occurrenceStartsAt.AddTicks(1), DateTimeZone.Utc).FirstOrDefault(o => o.StartsAt == occurrenceStartsAt)
            ?? throw DomainException.Invalid("No occurrence of the event starts at that time.");
        if (now < occurrence.StartsAt) throw DomainException.Conflict("Attendance is recorded once the occurrence has started.");
        if (now > occurrence.StartsAt + AttendanceWindow) throw DomainException.Conflict("Attendance is recorded within 30 days of the occurrence's start.");
        return [.. userIds.Distinct().Where(u => !Attended.Contains(new(occurrence.StartsAt, u)))
            .Select(u => new AttendanceRecorded(Id, CommunityId, occurrence.StartsAt, u, by, now))];
    }

    /// <summary>
    /// Pure: the occurrences that overlap [from, to). A series keeps its wall-clock time in the event's own zone across daylight-saving
    /// changes (18:00 in Berlin stays 18:00 in Berlin); each occurrence is then shown in <paramref name="viewerZone"/>.
    /// </summary>
    public IEnumerable<Occurrence> Occurrences(DateTimeOffset from, DateTimeOffset to, DateTimeZone viewerZone)
    {
        if (Cancelled) yield break;
        var zone = Zone(TimeZone);
        var first = Instant.FromDateTimeOffset(StartsAt).InZone(zone).LocalDateTime;
        var duration = EndsAt - StartsAt;
        var exceptions = Recurrence?.Exceptions.ToHashSet() ?? [];
        for (var k = 0; ; k++)
        {
            var local = first.PlusWeeks(k * (Recurrence?.IntervalWeeks ?? 1));
            if (k > 0 && (Recurrence is null || (Recurrence.Until is { } until && DateOnly.FromDateTime(local.Date.ToDateTimeUnspecified()) > until))) yield break;
            var start = local.InZoneLeniently(zone).ToDateTimeOffset();
            if (start >= to) yield break;
            if (start + duration <= from || exceptions.Contains(DateOnly.FromDateTime(local.Date.ToDateTimeUnspecified()))) continue;
            yield return new Occurrence(start.ToUniversalTime(), (start + duration).ToUniversalTime(),
                Instant.FromDateTimeOffset(start).InZone(viewerZone).LocalDateTime, viewerZone.Id);
        }
    }

    /// <summary>The first occurrence that starts after <paramref name="after"/>, if any (a series without an end always has one).</summary>
    public Occurrence? NextAfter(DateTimeOffset after) =>
        Occurrences(after, DateTimeOffset.MaxValue.AddDays(-8), DateTimeZone.Utc).FirstOrDefault(o => o.StartsAt > after);
}
