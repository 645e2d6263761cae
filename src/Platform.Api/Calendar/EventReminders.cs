using Marten;
using Platform.Api.Mail;
using Platform.Contracts;
using Platform.Contracts.Mail;
using Platform.Projections.Identity;
using Wolverine;

namespace Platform.Api.Calendar;

/// <summary>A reminder due <c>Lead</c> before the occurrence that starts at <c>OccurrenceStartsAt</c>: a Wolverine scheduled message.</summary>
public sealed record SendEventReminder(Guid EventId, DateTimeOffset OccurrenceStartsAt, TimeSpan Lead);

public static class EventRemindersHandler
{
    public static readonly TimeSpan[] Leads = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];

    /// <summary>
    /// Schedules both reminders of the next occurrence still ahead of each lead. A moved event schedules new ones; the old ones still
    /// fire, find that the event no longer starts then, and send nothing (as do those of a cancelled event).
    /// </summary>
    public static async Task ScheduleNext(IMessageContext messages, CalendarEvent e, DateTimeOffset now)
    {
        foreach (var lead in Leads)
            if (e.NextAfter(now + lead) is { } next)
                await messages.ScheduleAsync(new SendEventReminder(e.Id, next.StartsAt, lead), next.StartsAt - lead);
    }

    public static async Task<OutgoingMessages> Handle(SendEventReminder reminder, IDocumentSession session, IMessageContext messages,
        CancellationToken cancellation)
    {
        var outgoing = new OutgoingMessages();
        var e = await session.LoadAsync<CalendarEvent>(reminder.EventId, cancellation);
        // Stale: the event moved or was cancelled since this reminder was scheduled.
        if (e is null || e.NextAfter(reminder.OccurrenceStartsAt.AddTicks(-1))?.StartsAt != reminder.OccurrenceStartsAt) return outgoing;
        foreach (var userId in e.Going.Concat(e.Maybe))
        {
            if (await session.LoadAsync<UserAccount>(userId, cancellation) is not { Email: { Length: > 0 } email }) continue;
            var preferences = await UpdateNotificationPreferencesHandler.Current(session, userId, cancellation);
            if (!preferences.Mails(NotificationKind.EventReminder)) continue;
            outgoing.Add(new SendMail(DeterministicId.From("mail", "reminder", e.Id.ToString(), reminder.OccurrenceStartsAt.ToString("O"), reminder.Lead.ToString(), userId.ToString()),
                email, MailTemplates.EventReminder(e.Title, reminder.OccurrenceStartsAt, e.TimeZone, e.Url, e.Location), userId, NotificationKind.EventReminder));
        }
        // The last reminder of an occurrence schedules the next occurrence's pair (a series never has more than one pair waiting).
        if (reminder.Lead == Leads[^1] && e.Recurrence is not null) await ScheduleNext(messages, e, reminder.OccurrenceStartsAt);
        return outgoing;
    }
}
