using GraphQL.Types;
using JasperFx.Events.Projections;
using Marten;

namespace Platform.Api.Calendar;

/// <summary>The events calendar (EVNT). Named Calendar so that "event" keeps meaning an event-sourcing event elsewhere.</summary>
public static class CalendarConfiguration
{
    /// <summary>The event stream's write model is also its read model: an inline snapshot, current the moment a command returns.</summary>
    public static WebApplicationBuilder AddCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options =>
        {
            options.Projections.Snapshot<CalendarEvent>(SnapshotLifecycle.Inline);
            options.Schema.For<CalendarEvent>().Index(e => e.CommunityId);
        });
        return builder;
    }

    public static void AddCalendarQueries(this ObjectGraphType query) => query.AddEventQueries();

    public static void AddCalendarMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateEvent();
        mutation.AddChangeEvent();
        mutation.AddRsvp();
        mutation.AddMarkAttendance();
    }

    public static void MapCalendar(this WebApplication app) => app.MapCalendarFeeds();
}
