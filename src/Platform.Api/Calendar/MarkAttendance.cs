using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Calendar.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Calendar;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;

namespace Platform.Api.Calendar;

/// <summary>Staff record who attended one occurrence; each member recorded earns the community's points per event attended once.</summary>
public sealed record MarkAttendance(Guid EventId, DateTimeOffset OccurrenceStartsAt, IReadOnlyList<Guid> UserIds, Guid RecordedBy);

public static class MarkAttendanceHandler
{
    public static async Task Handle(MarkAttendance command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CalendarEvent>(command.EventId, cancellation);
        var e = stream.Aggregate ?? throw DomainException.NotFound("The event");
        var recorded = e.RecordAttendance(command.OccurrenceStartsAt, command.UserIds, command.RecordedBy, clock.GetUtcNow());
        var attendees = recorded.Cast<AttendanceRecorded>().Select(a => a.UserId).ToList();
        var memberships = await session.LoadManyAsync<MembershipView>(cancellation, [.. attendees.Select(u => DeterministicId.Membership(e.CommunityId, u))]);
        var active = memberships.Where(m => m.Status == MembershipStatus.Active).Select(m => m.UserId).ToHashSet();
        if (attendees.FirstOrDefault(u => !active.Contains(u)) is var outsider && outsider != Guid.Empty)
            throw DomainException.Invalid($"User {outsider} is not an active member of the event's community.");
        stream.AppendMany(recorded);
    }

    public static void AddMarkAttendance(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CalendarEventGraphType>>("markAttendance")
            .Description($"Records members who attended the occurrence starting at occurrenceStartsAt (from its start until 30 days after; at most " +
                $"{CalendarEvent.MaxAttendeesPerCall} a call). Each earns the community's points per event attended once; recording again adds nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("eventId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("occurrenceStartsAt")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("userIds")
            .AllowOwn(CalendarAccess.EventStaff("eventId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var eventId = c.IdArgument("eventId");
                var userIds = c.GetArgument<List<string>>("userIds")
                    .Select(id => Guid.TryParse(id, out var userId) ? userId : throw DomainException.Invalid($"'{id}' is not a user id.")).ToList();
                await c.Commands().InvokeAsync(new MarkAttendance(eventId, c.GetArgument<DateTimeOffset>("occurrenceStartsAt"), userIds, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<CalendarEvent>(eventId, c.CancellationToken);
            });
}
