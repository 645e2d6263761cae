using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Calendar.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts.Calendar;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Calendar;

public sealed record Rsvp(Guid EventId, Guid UserId, RsvpAnswer Answer);

public static class RsvpHandler
{
    /// <summary>Two answers at once meet on the event's stream: the loser decides again on fresh seats (the global concurrency retry).</summary>
    public static async Task Handle(Rsvp command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<CalendarEvent>(command.EventId, cancellation);
        stream.AppendMany((stream.Aggregate ?? throw DomainException.NotFound("The event")).Rsvp(command.UserId, command.Answer, clock.GetUtcNow()));
    }

    public static void AddRsvp(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CalendarEventGraphType>>("rsvp")
            .Description("GOING takes a seat, or a place on the waiting list when the event is full; leaving a seat moves the waiting list up.")
            .Argument<NonNullGraphType<IdGraphType>>("eventId")
            .Argument<NonNullGraphType<EnumerationGraphType<RsvpAnswer>>>("answer")
            .AllowOwn(CalendarAccess.EventMember("eventId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var eventId = c.IdArgument("eventId");
                await c.Commands().InvokeAsync(new Rsvp(eventId, c.UserId(), c.GetArgument<RsvpAnswer>("answer")), c.CancellationToken);
                return await c.Reads().LoadAsync<CalendarEvent>(eventId, c.CancellationToken);
            });
}
