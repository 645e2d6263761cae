using Platform.Api.Communities;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Marten;
using Platform.Api.Identity;
using Platform.Api.Mail;
using Platform.Projections.Identity;
using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Platform.Api.Calendar;

/// <summary>
/// iCalendar feeds calendar apps subscribe to, at a secret per-member address (signed: it names the member and, for a community
/// feed, the community). Membership is checked on every fetch, so a member who leaves stops seeing the community's events.
/// Each occurrence is its own VEVENT in UTC, from 30 days back to 335 days ahead (the longest range <c>events</c> serves): apps show exactly what <c>events</c> shows.
/// </summary>
public static class CalendarFeeds
{
    public static string Url(SignedLinks links, Guid userId, Guid? communityId)
    {
        var scope = communityId?.ToString() ?? "all";
        return $"{links.Origin}/calendar/{userId}/{scope}/{links.Sign("calendar", userId.ToString(), scope)}.ics";
    }

    public static void MapCalendarFeeds(this WebApplication app) =>
        app.MapGet("/calendar/{userId:guid}/{scope}/{signature}.ics", async (Guid userId, string scope, string signature, SignedLinks links,
            IQuerySession reads, TimeProvider clock, CancellationToken cancellation) =>
        {
            if (!links.Verify(signature, "calendar", userId.ToString(), scope)) return Results.NotFound();
            if (await reads.LoadAsync<UserAccount>(userId, cancellation) is not { } account) return Results.NotFound();
            var caller = new Caller();
            caller.SignIn(account);
            if (scope != "all" && !(Guid.TryParse(scope, out var only) && await CommunitiesAccess.IsInside(reads, caller.Account, only, cancellation)))
                return Results.NotFound();
            var communities = scope == "all" ? await EventQueries.CommunitiesOf(reads, account, cancellation) : [Guid.Parse(scope)];

            var now = clock.GetUtcNow();
            var calendar = new IcalCalendar { ProductId = "-//Platform//Events//EN" };
            foreach (var communityId in communities)
                foreach (var (e, o) in await EventQueries.Between(reads, communityId, now.AddDays(-30), now.AddDays(335), NodaTime.DateTimeZone.Utc, cancellation))
                    calendar.Events.Add(new IcalEvent
                    {
                        Uid = $"{e.Id:N}-{o.StartsAt.UtcDateTime:yyyyMMddTHHmmssZ}@platform",
                        Summary = e.Title,
                        Description = e.Description,
                        Location = e.Location,
                        Url = e.Url is null ? null : new Uri(e.Url),
                        DtStart = new CalDateTime(o.StartsAt.UtcDateTime),
                        DtEnd = new CalDateTime(o.EndsAt.UtcDateTime),
                    });
            return Results.Content(new CalendarSerializer().SerializeToString(calendar)!, "text/calendar", System.Text.Encoding.UTF8);
        });
}
