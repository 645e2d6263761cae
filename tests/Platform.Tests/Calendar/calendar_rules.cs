using NodaTime;
using Platform.Api.Calendar;
using Platform.Api.Infrastructure;
using Platform.Contracts.Calendar;

namespace Platform.Tests.Calendar;

public sealed class calendar_rules
{
    private static readonly DateTimeOffset Now = new(2026, 2, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>18:00 in Berlin (UTC+1 in winter) on Thursday 5 March 2026, weekly.</summary>
    private static CalendarEvent Weekly(int? capacity = null, params DateOnly[] exceptions) => CalendarEvent.Create(
        (CalendarEventScheduled)CalendarEvent.Schedule(new CalendarEventScheduled(Guid.NewGuid(), Guid.NewGuid(), "Build night", "", new(2026, 3, 5, 17, 0, 0, TimeSpan.Zero),
            new(2026, 3, 5, 19, 0, 0, TimeSpan.Zero), "Europe/Berlin", null, null, capacity, new WeeklyRecurrence(1, new DateOnly(2026, 4, 9), exceptions),
            Guid.NewGuid(), Now))[0]);

    [Fact]
    public void a_weekly_series_keeps_its_wall_clock_across_both_daylight_saving_changes_and_shows_in_the_viewers_zone()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var occurrences = Weekly().Occurrences(Now, Now.AddDays(60), newYork).ToList();

        // US clocks go forward on 8 March, Berlin's on 29 March: New York sees 12:00, then 13:00 for three weeks, then 12:00 again.
        Assert.Equal(["2026-03-05 12:00", "2026-03-12 13:00", "2026-03-19 13:00", "2026-03-26 13:00", "2026-04-02 12:00", "2026-04-09 12:00"],
            occurrences.Select(o => o.LocalStart.ToString("yyyy-MM-dd HH:mm", null)));
        Assert.Equal(new DateTimeOffset(2026, 3, 26, 17, 0, 0, TimeSpan.Zero), occurrences[3].StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.Zero), occurrences[4].StartsAt); // still 18:00 in Berlin
        Assert.All(occurrences, o => Assert.Equal(TimeSpan.FromHours(2), o.EndsAt - o.StartsAt));
    }

    [Fact]
    public void an_exception_date_has_no_occurrence_and_the_series_ends_on_its_until_date()
    {
        var dates = Weekly(null, new DateOnly(2026, 3, 19)).Occurrences(Now, Now.AddDays(365), DateTimeZone.Utc).Select(o => o.StartsAt.Day).ToList();
        Assert.Equal([5, 12, 26, 2, 9], dates);
    }

    [Fact]
    public void the_next_occurrence_is_the_first_that_starts_after_a_moment()
    {
        var e = Weekly();
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero), e.NextAfter(new(2026, 3, 5, 17, 0, 0, TimeSpan.Zero))!.StartsAt);
        Assert.Null(e.NextAfter(new(2026, 4, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void going_past_capacity_waits_and_a_seat_given_up_goes_to_the_first_who_waits()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var e = Weekly(capacity: 1);
        e = Apply(e, e.Rsvp(a, RsvpAnswer.Going, Now));
        e = Apply(e, e.Rsvp(b, RsvpAnswer.Going, Now));
        e = Apply(e, e.Rsvp(c, RsvpAnswer.Going, Now));
        Assert.Equal([a], e.Going);
        Assert.Equal([b, c], e.Waiting);
        Assert.Empty(e.Rsvp(b, RsvpAnswer.Going, Now)); // asking again changes nothing

        var events = e.Rsvp(a, RsvpAnswer.NotGoing, Now);
        Assert.Equal(new WaitlistPromoted(e.Id, b, Now), events[1]);
        e = Apply(e, events);
        Assert.Equal([b], e.Going);
        Assert.Equal([c], e.Waiting);
        Assert.Equal(RsvpStatus.NotGoing, e.StatusOf(a));
    }

    [Fact]
    public void declining_is_an_answer_of_its_own_and_saying_it_again_changes_nothing()
    {
        var (declines, never) = (Guid.NewGuid(), Guid.NewGuid());
        var e = Weekly();
        e = Apply(e, e.Rsvp(declines, RsvpAnswer.NotGoing, Now));
        Assert.Equal((RsvpStatus.NotGoing, (RsvpStatus?)null), (e.StatusOf(declines)!.Value, e.StatusOf(never)));
        Assert.Empty(e.Rsvp(declines, RsvpAnswer.NotGoing, Now));
        e = Apply(e, e.Rsvp(declines, RsvpAnswer.Maybe, Now));
        Assert.Equal(RsvpStatus.Maybe, e.StatusOf(declines));
    }

    [Fact]
    public void a_cancelled_event_takes_no_answers_and_has_no_occurrences()
    {
        var e = Weekly();
        e = Apply(e, e.Cancel(Guid.NewGuid(), Now));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => e.Rsvp(Guid.NewGuid(), RsvpAnswer.Going, Now)).Code);
        Assert.Empty(e.Occurrences(Now, Now.AddDays(60), DateTimeZone.Utc));
    }

    [Theory]
    [InlineData("", "Europe/Berlin", 2)]
    [InlineData("Title", "Mars/Olympus", 2)]
    [InlineData("Title", "UTC", 0)]
    public void a_new_event_needs_a_title_a_real_zone_and_an_end_after_its_start(string title, string zone, int hours)
    {
        var start = new DateTimeOffset(2026, 3, 5, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => CalendarEvent.Schedule(new CalendarEventScheduled(Guid.NewGuid(), Guid.NewGuid(),
            title, "", start, start.AddHours(hours), zone, null, null, null, null, Guid.NewGuid(), Now))).Code);
    }

    private static CalendarEvent Apply(CalendarEvent e, object[] events) => events.Aggregate(e, (current, x) => x switch
    {
        RsvpGiven given => current.Apply(given),
        WaitlistPromoted promoted => current.Apply(promoted),
        CalendarEventCancelled cancelled => current.Apply(cancelled),
        _ => throw new InvalidOperationException(x.GetType().Name),
    });

    [Fact]
    public void attendance_is_recorded_for_a_real_occurrence_from_its_start_for_30_days_once_per_member_and_never_by_staff_for_themselves()
    {
        var series = Weekly();
        var second = new DateTimeOffset(2026, 3, 12, 17, 0, 0, TimeSpan.Zero);
        var (staff, member, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => series.RecordAttendance(second, [member], staff, second.AddMinutes(-1))).Code);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => series.RecordAttendance(second, [member], staff, second + CalendarEvent.AttendanceWindow + TimeSpan.FromSeconds(1))).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => series.RecordAttendance(second.AddHours(1), [member], staff, second.AddHours(2))).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => series.RecordAttendance(second, [staff], staff, second)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            series.RecordAttendance(second, [.. Enumerable.Range(0, CalendarEvent.MaxAttendeesPerCall + 1).Select(_ => Guid.NewGuid())], staff, second)).Code);

        var recorded = series.RecordAttendance(second, [member, member], staff, second + CalendarEvent.AttendanceWindow).Cast<AttendanceRecorded>().ToList();
        Assert.Equal([member], recorded.Select(a => a.UserId));
        var after = series.Apply(recorded[0]);
        Assert.Equal([other], after.RecordAttendance(second, [member, other], staff, second.AddHours(1)).Cast<AttendanceRecorded>().Select(a => a.UserId));
        Assert.Single(after.RecordAttendance(second.AddDays(7), [member], staff, second.AddDays(7))); // another occurrence earns again
    }
}
