using NodaTime;
using Platform.Contracts.Mail;

namespace Platform.Api.Mail;

/// <summary>One digest's period for one member: its key (frequency and local date of its end) and its bounds.</summary>
public sealed record DigestPeriod(string Key, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// When digests are owed. A daily digest covers the day up to 08:00 in the member's digest zone, a weekly one the week up to Monday
/// 08:00 there; the schedule checks every <see cref="TickEvery"/>, so a digest goes out within that much of 08:00 in any zone.
/// </summary>
public static class DigestSchedule
{
    public static readonly LocalTime SendAt = new(8, 0);
    public static readonly TimeSpan TickEvery = TimeSpan.FromMinutes(15);

    /// <summary>Pure: the latest period that ended by <paramref name="now"/>; none for NEVER.</summary>
    public static DigestPeriod? Latest(DigestFrequency frequency, DateTimeZone zone, DateTimeOffset now)
    {
        if (frequency == DigestFrequency.Never) return null;
        var local = Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime;
        var end = local.TimeOfDay >= SendAt ? local.Date : local.Date.PlusDays(-1);
        if (frequency == DigestFrequency.Weekly) end = end.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var start = frequency == DigestFrequency.Weekly ? end.PlusWeeks(-1) : end.PlusDays(-1);
        return new DigestPeriod($"{frequency.ToString().ToLowerInvariant()}:{end:yyyy-MM-dd}", At(start, zone), At(end, zone));
    }

    /// <summary>Pure: the period owed to this member now, if any. A period that ended before the digest was last changed is not owed.</summary>
    public static DigestPeriod? Owed(NotificationPreferences preferences, DateTimeOffset now) =>
        Latest(preferences.Digest, Zone(preferences.DigestTimeZone), now) is { } period && period.To > (preferences.DigestSince ?? DateTimeOffset.MinValue)
            ? period
            : null;

    /// <summary>Pure: the next quarter hour after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextTick(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcTicks - now.UtcTicks % TickEvery.Ticks, TimeSpan.Zero) + TickEvery;

    /// <summary>The member's digest zone; a zone the database no longer knows falls back to UTC.</summary>
    public static DateTimeZone Zone(string timeZone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;

    private static DateTimeOffset At(LocalDate date, DateTimeZone zone) => date.At(SendAt).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
}
