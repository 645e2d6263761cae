using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Calendar.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Wolverine;

namespace Platform.Api.Calendar;

/// <summary>Moves an event (a series: from its first occurrence on); its reminders move with it.</summary>
public sealed record MoveEvent(Guid EventId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid MovedBy);

/// <summary>Cancels an event or a whole series; no reminder goes out for it after this.</summary>
public sealed record CancelEvent(Guid EventId, Guid CancelledBy);

public static class ChangeEventHandler
{
    public static async Task Handle(MoveEvent command, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CalendarEvent>(command.EventId, cancellation);
        var e = stream.Aggregate ?? throw DomainException.NotFound("The event");
        var now = clock.GetUtcNow();
        var moved = e.Move(command.StartsAt, command.EndsAt, command.MovedBy, now);
        stream.AppendMany(moved);
        if (moved.Length > 0) await EventRemindersHandler.ScheduleNext(messages, e with { StartsAt = command.StartsAt, EndsAt = command.EndsAt }, now);
    }

    public static async Task Handle(CancelEvent command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CalendarEvent>(command.EventId, cancellation);
        stream.AppendMany((stream.Aggregate ?? throw DomainException.NotFound("The event")).Cancel(command.CancelledBy, clock.GetUtcNow()));
    }

    public static void AddChangeEvent(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CalendarEventGraphType>>("moveEvent")
            .Description("Moves an event (a series from its first occurrence on); reminders move with it.")
            .Argument<NonNullGraphType<IdGraphType>>("eventId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt")
            .AllowOwn(CalendarAccess.EventStaff("eventId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var eventId = c.IdArgument("eventId");
                await c.Commands().InvokeAsync(new MoveEvent(eventId, c.GetArgument<DateTimeOffset>("startsAt"), c.GetArgument<DateTimeOffset>("endsAt"), c.UserId()),
                    c.CancellationToken);
                return await c.Reads().LoadAsync<CalendarEvent>(eventId, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<CalendarEventGraphType>>("cancelEvent")
            .Argument<NonNullGraphType<IdGraphType>>("eventId")
            .AllowOwn(CalendarAccess.EventStaff("eventId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var eventId = c.IdArgument("eventId");
                await c.Commands().InvokeAsync(new CancelEvent(eventId, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<CalendarEvent>(eventId, c.CancellationToken);
            });
    }
}
