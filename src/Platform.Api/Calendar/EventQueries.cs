using Platform.Api.Communities;
using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Calendar.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Mail;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Calendar;

public sealed record EventOccurrence(CalendarEvent Event, Occurrence Occurrence);

public static class EventQueries
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>The occurrences of the community's events in [from, to), soonest first, at most a year's worth.</summary>
    public static async Task<IReadOnlyList<EventOccurrence>> Between(IQuerySession reads, Guid communityId, DateTimeOffset from, DateTimeOffset to,
        NodaTime.DateTimeZone viewer, CancellationToken cancellation)
    {
        if (to <= from || to - from > MaxRange) throw DomainException.Invalid("'to' is after 'from', and at most 366 days after it.");
        var events = await reads.Query<CalendarEvent>().Where(e => e.CommunityId == communityId && !e.Cancelled).ToListAsync(cancellation);
        return [.. events.SelectMany(e => e.Occurrences(from, to, viewer).Select(o => new EventOccurrence(e, o))).OrderBy(o => o.Occurrence.StartsAt)];
    }

    /// <summary>The communities a member is inside: active memberships, and those they run.</summary>
    public static async Task<IReadOnlyList<Guid>> CommunitiesOf(IQuerySession reads, UserAccount account, CancellationToken cancellation)
    {
        var memberOf = (await reads.Query<MembershipView>().Where(m => m.UserId == account.Id && m.Status == MembershipStatus.Active)
            .Select(m => m.CommunityId).ToListAsync(cancellation)).ToHashSet();
        memberOf.UnionWith(account.Grants.Where(g => g.CommunityId is not null).Select(g => g.CommunityId!.Value));
        return [.. memberOf];
    }

    public static void AddEventQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventOccurrenceGraphType>>>>("events")
            .Description("Each occurrence of the community's events between from and to, with wall-clock times in the caller's time zone.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("from")
            .Argument<NonNullGraphType<DateTimeOffsetGraphType>>("to")
            .Argument<StringGraphType>("timeZone", "The caller's IANA time zone, such as America/New_York; default UTC.")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveAsync(async c => await Between(c.Reads(), c.IdArgument("communityId"), c.GetArgument<DateTimeOffset>("from"), c.GetArgument<DateTimeOffset>("to"),
                CalendarEvent.Zone(c.GetArgument<string?>("timeZone") ?? "UTC"), c.CancellationToken));

        query.Field<NonNullGraphType<StringGraphType>>("calendarFeedUrl")
            .Description("The caller's secret iCalendar (.ics) address for calendar apps: every community they are in, or only the one given. Keep it private.")
            .Argument<IdGraphType>("communityId")
            .Allow(SignedIn)
            .Resolve(c =>
            {
                var links = c.RequestServices!.GetRequiredService<SignedLinks>();
                return CalendarFeeds.Url(links, c.UserId(), c.GetArgument<string?>("communityId") is { } id ? c.IdArgument("communityId") : null);
            });
    }
}
