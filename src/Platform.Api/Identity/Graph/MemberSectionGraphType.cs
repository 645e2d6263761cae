using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Communities.Graph;
using Platform.Projections.Communities;
using Platform.Api.Courses.Graph;
using Platform.Api.Social;
using Platform.Api.Social.Graph;
using Platform.Projections.Courses;
using Platform.Api.Analytics;

namespace Platform.Api.Identity.Graph;

public sealed class MemberSectionGraphType : ObjectGraphType<MemberSection>
{
    public MemberSectionGraphType()
    {
        Name = "MemberSection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipGraphType>>>>("memberships")
            .Description("The caller's memberships, active and pending.")
            .Resolve(c => c.Source.Memberships);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnrolmentGraphType>>>>("continueLearning")
            .Description("Up to 10 courses the caller is taking and has not completed, most recently enrolled first, with their progress.")
            .Resolve(c => c.Source.ContinueLearning);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Calendar.Graph.EventOccurrenceGraphType>>>>("upcomingEvents")
            .Description($"The next {DashboardFigures.MaxUpcomingEvents} occurrences of events in the caller's communities over the next {DashboardFigures.UpcomingEventsAhead.TotalDays:0} days, soonest first.")
            .Argument<StringGraphType>("timeZone", "The caller's IANA time zone for the wall-clock times, such as America/New_York; default UTC.")
            .ResolveAsync(async c => await DashboardFigures.UpcomingEvents(c.Reads(), c.Caller().Account!, c.Source.ActiveCommunities,
                c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), Calendar.CalendarEvent.Zone(c.GetArgument<string?>("timeZone") ?? "UTC"),
                c.CancellationToken));
        Field<NonNullGraphType<NotificationStateGraphType>>("notifications").Description("Unread notifications.")
            .ResolveAsync(async c => await SocialReads.NotificationStateOf(c, c.Source.HiddenCommunities));
    }
}
