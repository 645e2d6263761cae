using NodaTime;
using Platform.Api.Mail;
using Platform.Contracts.Mail;

namespace Platform.Tests.Mail;

public sealed class digest_schedule
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void a_daily_period_ends_at_08_00_in_the_members_zone_across_a_daylight_saving_change()
    {
        // Sunday 29 March 2026: Berlin moves from UTC+1 to UTC+2.
        var before = DigestSchedule.Latest(DigestFrequency.Daily, Berlin, new DateTimeOffset(2026, 3, 29, 6, 59, 0, TimeSpan.Zero))!;
        Assert.Equal(("daily:2026-03-29", new DateTimeOffset(2026, 3, 28, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero)),
            (before.Key, before.From, before.To));
        var after = DigestSchedule.Latest(DigestFrequency.Daily, Berlin, new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero))!;
        Assert.Equal(("daily:2026-03-30", new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero)), (after.Key, after.From));
        Assert.Equal("daily:2026-03-29", DigestSchedule.Latest(DigestFrequency.Daily, Berlin, new DateTimeOffset(2026, 3, 30, 5, 59, 0, TimeSpan.Zero))!.Key);
    }

    [Fact]
    public void a_weekly_period_ends_on_monday_08_00_and_never_has_none()
    {
        var monday = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal("weekly:2026-03-02", DigestSchedule.Latest(DigestFrequency.Weekly, DateTimeZone.Utc, monday.AddDays(6))!.Key);
        Assert.Equal("weekly:2026-02-23", DigestSchedule.Latest(DigestFrequency.Weekly, DateTimeZone.Utc, monday.AddTicks(-1))!.Key);
        Assert.Equal(monday.AddDays(-7), DigestSchedule.Latest(DigestFrequency.Weekly, DateTimeZone.Utc, monday)!.From);
        Assert.Null(DigestSchedule.Latest(DigestFrequency.Never, DateTimeZone.Utc, monday));
    }

    [Fact]
    public void a_period_that_ended_before_the_digest_was_chosen_is_not_owed()
    {
        var chosen = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var member = NotificationPreferences.Default(Guid.NewGuid()).Apply(new NotificationPreferencesUpdated(Guid.Empty, [], DigestFrequency.Daily, chosen));
        Assert.Equal(chosen, member.DigestSince);
        Assert.Null(DigestSchedule.Owed(member, chosen.AddHours(1)));
        Assert.Equal("daily:2026-03-03", DigestSchedule.Owed(member, chosen.AddDays(1))!.Key);
    }

    [Fact]
    public void the_schedule_ticks_on_the_quarter_hour() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.Zero), DigestSchedule.NextTick(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)));
}
