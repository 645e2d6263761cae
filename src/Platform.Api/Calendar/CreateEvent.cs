using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Calendar.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Calendar;
using Platform.Contracts.Identity;
using Wolverine;

namespace Platform.Api.Calendar;

public sealed record CreateEvent(Guid EventId, Guid CommunityId, string Title, string Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string TimeZone, string? Url, string? Location, int? Capacity, WeeklyRecurrence? Recurrence, Guid CreatedBy);

public static class CreateEventHandler
{
    public static async Task Handle(CreateEvent command, IDocumentSession session, IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var events = CalendarEvent.Schedule(new CalendarEventScheduled(command.EventId, command.CommunityId, command.Title, command.Description,
            command.StartsAt, command.EndsAt, command.TimeZone, command.Url, command.Location, command.Capacity, command.Recurrence, command.CreatedBy, now));
        session.Events.StartStream<CalendarEvent>(command.EventId, events);
        await EventRemindersHandler.ScheduleNext(messages, CalendarEvent.Create((CalendarEventScheduled)events[0]), now);
    }

    public static void AddCreateEvent(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CalendarEventGraphType>>("createEvent")
            .Description("Schedules an event, once or weekly, in a community; members are reminded 24 h and 1 h before.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<CreateEventInputGraphType>>("input")
            .AllowOwn(CommunitiesAccess.Staff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var recurrence = input.GetValueOrDefault("recurrence") is Dictionary<string, object?> r
                    ? new WeeklyRecurrence(r.GetValueOrDefault("intervalWeeks") as int? ?? 1, r.GetValueOrDefault("until") as DateOnly?,
                        [.. (r.GetValueOrDefault("exceptions") as IEnumerable<object?> ?? []).Cast<DateOnly>()])
                    : null;
                var command = new CreateEvent(Guid.CreateVersion7(), c.IdArgument("communityId"), (string)input["title"]!,
                    input.GetValueOrDefault("description") as string ?? "", (DateTimeOffset)input["startsAt"]!, (DateTimeOffset)input["endsAt"]!,
                    input.GetValueOrDefault("timeZone") as string ?? "UTC", input.GetValueOrDefault("url") as string, input.GetValueOrDefault("location") as string,
                    input.GetValueOrDefault("capacity") as int?, recurrence, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await c.Reads().LoadAsync<CalendarEvent>(command.EventId, c.CancellationToken);
            });
}
