using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Api.Calendar;
using Platform.Api.Mail;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Mail;
using Platform.IntegrationTests.Support;
using Wolverine;
using Wolverine.Tracking;

namespace Platform.IntegrationTests.Calendar;

/// <summary>The app on a fake clock (started at the real time, so tokens stay valid), mailing into a folder of its own.</summary>
public sealed class CalendarApp : MailApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class when_a_community_runs_events(CalendarApp app) : IClassFixture<CalendarApp>
{
    private const string Create = "mutation($c: ID!, $i: CreateEventInput!) { createEvent(communityId: $c, input: $i) { id goingCount } }";
    private const string Answer = "mutation($e: ID!, $a: RsvpAnswer!) { rsvp(eventId: $e, answer: $a) { goingCount waitingCount myRsvp } }";

    private async Task<(GraphQLClient Owner, string Community)> Community()
    {
        var owner = await app.Person("host");
        var id = (await owner.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Makers", slug = $"ev-{Guid.NewGuid():N}"[..20] } })).GetProperty("createCommunity").GetProperty("id").GetString()!;
        return (owner, id);
    }

    private async Task<GraphQLClient> Member(string community)
    {
        var member = await app.Person("guest");
        await member.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        return member;
    }

    private static string Id(JsonElement data, string field) => data.GetProperty(field).GetProperty("id").GetString()!;

    [Fact]
    public async Task a_weekly_series_is_expanded_in_the_callers_zone_across_a_daylight_saving_change()
    {
        var (owner, community) = await Community();
        await owner.Data(Create, new { c = community, i = new
        {
            title = "Build night", startsAt = "2026-03-05T17:00:00Z", endsAt = "2026-03-05T19:00:00Z", timeZone = "Europe/Berlin",
            recurrence = new { until = "2026-04-09", exceptions = new[] { "2026-03-19" } },
        } });
        var member = await Member(community);

        var occurrences = (await member.Data("query($c: ID!) { events(communityId: $c, from: \"2026-03-01T00:00:00Z\", to: \"2026-05-01T00:00:00Z\", timeZone: \"America/New_York\") { startsAt localStartsAt timeZone } }",
            new { c = community })).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["2026-03-05T12:00", "2026-03-12T13:00", "2026-03-26T13:00", "2026-04-02T12:00", "2026-04-09T12:00"],
            occurrences.Select(o => o.GetProperty("localStartsAt").GetString()));
        Assert.All(occurrences, o => Assert.Equal("America/New_York", o.GetProperty("timeZone").GetString()));
        Assert.Equal("FORBIDDEN", (await app.Client(Shops.NewUser("outsider")).Send("query($c: ID!) { events(communityId: $c, from: \"2026-03-01T00:00:00Z\", to: \"2026-05-01T00:00:00Z\") { startsAt } }",
            new { c = community })).FirstErrorCode);
    }

    [Fact]
    public async Task the_waiting_list_moves_up_when_someone_gives_up_a_seat()
    {
        var (owner, community) = await Community();
        var start = app.Clock.GetUtcNow().AddDays(10);
        var eventId = Id(await owner.Data(Create, new { c = community, i = new { title = "Workshop", startsAt = start, endsAt = start.AddHours(2), capacity = 1 } }), "createEvent");
        var (first, second) = (await Member(community), await Member(community));

        Assert.Equal("GOING", (await first.Data(Answer, new { e = eventId, a = "GOING" })).GetProperty("rsvp").GetProperty("myRsvp").GetString());
        var waiting = (await second.Data(Answer, new { e = eventId, a = "GOING" })).GetProperty("rsvp");
        Assert.Equal(("WAITLISTED", 1, 1), (waiting.GetProperty("myRsvp").GetString(), waiting.GetProperty("goingCount").GetInt32(), waiting.GetProperty("waitingCount").GetInt32()));

        Assert.Equal("NOT_GOING", (await first.Data(Answer, new { e = eventId, a = "NOT_GOING" })).GetProperty("rsvp").GetProperty("myRsvp").GetString());
        var moved = (await second.Data("query($c: ID!, $f: DateTimeOffset!, $t: DateTimeOffset!) { events(communityId: $c, from: $f, to: $t) { event { myRsvp waitingCount } } }",
            new { c = community, f = start.AddDays(-1), t = start.AddDays(1) })).GetProperty("events")[0].GetProperty("event");
        Assert.Equal(("GOING", 0), (moved.GetProperty("myRsvp").GetString(), moved.GetProperty("waitingCount").GetInt32()));
    }

    [Fact]
    public async Task the_ics_feed_at_the_members_secret_address_parses_with_a_standard_icalendar_library()
    {
        var (owner, community) = await Community();
        var start = new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(18), TimeSpan.Zero);
        await owner.Data(Create, new { c = community, i = new { title = "Open studio", startsAt = start, endsAt = start.AddHours(1), location = "Room 2",
            recurrence = new { until = DateOnly.FromDateTime(start.UtcDateTime.AddDays(14)).ToString("yyyy-MM-dd") } } });
        var member = await Member(community);
        var url = new Uri((await member.Data("query($c: ID) { calendarFeedUrl(communityId: $c) }", new { c = community })).GetProperty("calendarFeedUrl").GetString()!);
        var anonymous = app.Host.Server.CreateClient();

        var response = await anonymous.GetAsync(url.PathAndQuery);
        Assert.True("text/calendar" == response.Content.Headers.ContentType?.MediaType, $"{url} {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal([start, start.AddDays(7), start.AddDays(14)], calendar.Events.Select(e => new DateTimeOffset(e.DtStart!.AsUtc, TimeSpan.Zero)).Order());
        Assert.All(calendar.Events, e => Assert.Equal(("Open studio", "Room 2"), (e.Summary, e.Location)));

        var all = new Uri((await member.Data("{ calendarFeedUrl }")).GetProperty("calendarFeedUrl").GetString()!);
        // The feed of all communities finds them through the member directory, an async projection: wait for the join to reach it.
        var everything = await Given.Eventually(async () => Ical.Net.Calendar.Load(await anonymous.GetStringAsync(all.PathAndQuery))!.Events.Count, count => count == 3);
        Assert.Equal(3, everything);
        var forged = url.PathAndQuery.Replace(url.Segments[^1], "AAAA.ics");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task reminders_are_scheduled_24h_and_1h_before_move_with_the_event_and_stop_when_it_is_cancelled()
    {
        var (owner, community) = await Community();
        var member = await Member(community);
        var now = app.Clock.GetUtcNow();
        var start = now.AddDays(3);
        var creatorId = (await owner.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetGuid();
        var eventId = Guid.NewGuid();

        var created = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((IMessageContext bus) =>
            bus.InvokeAsync(new CreateEvent(eventId, Guid.Parse(community), "Live Q&A", "", start, start.AddHours(1), "Europe/Berlin", null, null, null, null, creatorId)));
        Assert.Equal([start.AddHours(-24), start.AddHours(-1)], Scheduled(created, eventId).Select(r => r.At).Order());
        await member.Data(Answer, new { e = eventId, a = "GOING" });

        var newStart = start.AddDays(2);
        var moved = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((IMessageContext bus) =>
            bus.InvokeAsync(new MoveEvent(eventId, newStart, newStart.AddHours(1), creatorId)));
        Assert.Equal([newStart.AddHours(-24), newStart.AddHours(-1)], Scheduled(moved, eventId).Select(r => r.At).Order());

        // When they come due: the old ones find the event gone from that time and mail nobody; the new ones mail those going.
        Assert.Empty(await MailsFrom(new SendEventReminder(eventId, start, TimeSpan.FromHours(1))));
        var mail = Assert.Single(await MailsFrom(new SendEventReminder(eventId, newStart, TimeSpan.FromHours(24))));
        Assert.Equal("Reminder: Live Q&A", mail.Content.Subject);

        await owner.Data("mutation($e: ID!) { cancelEvent(eventId: $e) { cancelled } }", new { e = eventId });
        Assert.Empty(await MailsFrom(new SendEventReminder(eventId, newStart, TimeSpan.FromHours(1))));

        // The clock moves on: an event now less than a day ahead gets only its 1 h reminder.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var soon = app.Clock.GetUtcNow().AddHours(5);
        var soonId = Guid.NewGuid();
        var near = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((IMessageContext bus) =>
            bus.InvokeAsync(new CreateEvent(soonId, Guid.Parse(community), "Soon", "", soon, soon.AddHours(1), "UTC", null, null, null, null, creatorId)));
        Assert.Equal([soon.AddHours(-1)], Scheduled(near, soonId).Select(r => r.At));
    }

    private static IEnumerable<(SendEventReminder Reminder, DateTimeOffset At)> Scheduled(ITrackedSession tracked, Guid eventId) =>
        tracked.Scheduled.Envelopes().Where(e => e.Message is SendEventReminder r && r.EventId == eventId)
            .Select(e => ((SendEventReminder)e.Message!, e.ScheduledTime!.Value));

    private async Task<List<SendMail>> MailsFrom(SendEventReminder due)
    {
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((IMessageContext bus) => bus.InvokeAsync(due));
        return [.. tracked.Sent.MessagesOf<SendMail>()];
    }
}
