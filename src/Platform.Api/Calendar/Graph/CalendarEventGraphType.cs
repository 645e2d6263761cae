using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Calendar;

namespace Platform.Api.Calendar.Graph;

public sealed class CalendarEventGraphType : ObjectGraphType<CalendarEvent>
{
    public CalendarEventGraphType()
    {
        Name = "CalendarEvent";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(e => e.Title);
        Field(e => e.Description);
        Field(e => e.StartsAt).Description("The first occurrence's start.");
        Field(e => e.EndsAt);
        Field(e => e.TimeZone).Description("The IANA zone whose wall clock a series keeps.");
        Field(e => e.Url, nullable: true);
        Field(e => e.Location, nullable: true);
        Field(e => e.Capacity, nullable: true);
        Field(e => e.Cancelled);
        Field<WeeklyRecurrenceGraphType>("recurrence").Resolve(c => c.Source.Recurrence);
        Field<NonNullGraphType<IntGraphType>>("goingCount").Resolve(c => c.Source.Going.Count);
        Field<NonNullGraphType<IntGraphType>>("waitingCount").Resolve(c => c.Source.Waiting.Count);
        Field<EnumerationGraphType<RsvpStatus>>("myRsvp").Description("The caller's answer, if any.")
            .Resolve(c => c.Caller().UserId is { } me ? c.Source.StatusOf(me) : null);
    }
}

public sealed class WeeklyRecurrenceGraphType : ObjectGraphType<WeeklyRecurrence>
{
    public WeeklyRecurrenceGraphType()
    {
        Name = "WeeklyRecurrence";
        Field(r => r.IntervalWeeks);
        Field<DateOnlyGraphType>("until").Resolve(c => c.Source.Until);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>>("exceptions").Resolve(c => c.Source.Exceptions);
    }
}

public sealed class EventOccurrenceGraphType : ObjectGraphType<EventOccurrence>
{
    public EventOccurrenceGraphType()
    {
        Name = "EventOccurrence";
        Field<NonNullGraphType<CalendarEventGraphType>>("event").Resolve(c => c.Source.Event);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt").Resolve(c => c.Source.Occurrence.StartsAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt").Resolve(c => c.Source.Occurrence.EndsAt);
        Field<NonNullGraphType<StringGraphType>>("localStartsAt").Description("The start on the caller's wall clock, yyyy-MM-ddTHH:mm.")
            .Resolve(c => c.Source.Occurrence.LocalStart.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("timeZone").Resolve(c => c.Source.Occurrence.TimeZone);
    }
}

public sealed class CreateEventInputGraphType : InputObjectGraphType
{
    public CreateEventInputGraphType()
    {
        Name = "CreateEventInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("description");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("startsAt");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("endsAt");
        Field<StringGraphType>("timeZone").Description("IANA zone, such as Europe/Berlin; default UTC. A series keeps its wall-clock time there.");
        Field<StringGraphType>("url");
        Field<StringGraphType>("location");
        Field<IntGraphType>("capacity").Description("Seats for GOING; more answers join the waiting list. None: no limit.");
        Field<WeeklyRecurrenceInputGraphType>("recurrence");
    }
}

public sealed class WeeklyRecurrenceInputGraphType : InputObjectGraphType
{
    public WeeklyRecurrenceInputGraphType()
    {
        Name = "WeeklyRecurrenceInput";
        Field<IntGraphType>("intervalWeeks").Description("Default 1.");
        Field<DateOnlyGraphType>("until").Description("The last local date with an occurrence; none: no end.");
        Field<ListGraphType<NonNullGraphType<DateOnlyGraphType>>>("exceptions").Description("Local dates without an occurrence.");
    }
}
