using System.Web;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Platform.Api.Mail;
using Platform.Contracts.Mail;
using Platform.IntegrationTests.Calendar;
using Platform.IntegrationTests.Support;
using Wolverine;
using Wolverine.Tracking;

namespace Platform.IntegrationTests.Mail;

/// <summary>The digest schedule on a fake clock: each tick is the scheduled message the app would receive at that moment.</summary>
public sealed class when_digests_are_due(CalendarApp app) : IClassFixture<CalendarApp>
{
    private sealed record Member(GraphQLClient Client, Guid Id, string Email);

    private async Task<Member> Person(string prefix, string? preferences = null)
    {
        var client = await app.Person(prefix);
        var me = (await client.Data("{ me { id handle } }")).GetProperty("me");
        if (preferences is not null) await client.Data($"mutation {{ updateNotificationPreferences(input: {preferences}) {{ digest }} }}");
        return new Member(client, me.GetProperty("id").GetGuid(), $"{me.GetProperty("handle").GetString()}@example.test");
    }

    private static Task Join(Member member, string community) =>
        member.Client.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });

    /// <summary>The schedule's tick at the clock's time: the digest mails it caused, each handled to the end.</summary>
    private async Task<List<SendMail>> Tick()
    {
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((IMessageContext bus) => bus.InvokeAsync(new SendDueDigests()));
        Assert.Single(tracked.Scheduled.MessagesOf<SendDueDigests>()); // every tick schedules the next
        return [.. tracked.Sent.MessagesOf<SendMail>().Where(m => m.Kind is null)];
    }

    /// <summary>The first moment after the clock (by at least two minutes) when it is <paramref name="day"/> (any day: null) 08:00 in the zone.</summary>
    private DateTimeOffset Next(string zone, IsoDayOfWeek? day)
    {
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var local = Instant.FromDateTimeOffset(app.Clock.GetUtcNow().AddMinutes(2)).InZone(tz).LocalDateTime;
        var date = local.Date;
        while (local >= date.At(new LocalTime(8, 0)) || (day is { } d && date.DayOfWeek != d)) { date = date.PlusDays(1); local = date.At(LocalTime.Midnight); }
        return date.At(new LocalTime(8, 0)).InZoneLeniently(tz).ToDateTimeOffset().ToUniversalTime();
    }

    [Fact]
    public async Task daily_and_weekly_members_get_one_digest_each_at_08_00_in_their_zone_and_never_members_and_empty_periods_none()
    {
        var owner = await Person("host");
        var community = await Given.Community(owner.Client, "Fretwork");
        var daily = await Person("daily", "{ digest: DAILY, digestTimeZone: \"Europe/Berlin\" }");
        var weekly = await Person("weekly", "{ digest: WEEKLY }");
        var never = await Person("never");
        var quiet = await Person("quiet", "{ digest: DAILY, digestTimeZone: \"Europe/Berlin\" }"); // in no community: nothing to tell
        foreach (var member in new[] { daily, weekly, never }) await Join(member, community);

        var dailyAt = Next("Europe/Berlin", null);
        var weeklyAt = Next("UTC", IsoDayOfWeek.Monday);
        var mine = (await daily.Client.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"My first fret\", body: \"Too high?\" }) { id } }",
            new { c = community })).GetProperty("createPost").GetProperty("id").GetString();
        await owner.Client.Data("mutation($p: ID!) { addComment(postId: $p, input: { body: \"Level it.\" }) { id } }", new { p = mine });
        await owner.Client.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Fret levelling\", body: \"A sanding beam.\" }) { id } }",
            new { c = community });
        var startsAt = dailyAt.AddHours(3);
        await owner.Client.Data("mutation($c: ID!, $i: CreateEventInput!) { createEvent(communityId: $c, input: $i) { id } }",
            new { c = community, i = new { title = "Setup clinic", startsAt, endsAt = startsAt.AddHours(1) } });
        await app.WaitForProjections(); // the reply reaches the daily member's notifications

        var digests = new List<SendMail>();
        foreach (var (at, member) in new[] { (dailyAt, daily), (weeklyAt, weekly) }.OrderBy(x => x.Item1))
        {
            app.Clock.SetUtcNow(at.AddMinutes(-1));
            var early = await Tick();
            Assert.DoesNotContain(early, m => m.UserId == member.Id);
            app.Clock.SetUtcNow(at.AddMinutes(1));
            var due = await Tick();
            Assert.Single(due, m => m.UserId == member.Id);
            digests.AddRange(early.Concat(due));
        }
        Assert.Empty(await Tick()); // a rerun at the same moment sends nothing

        Assert.Equal(daily.Email, Assert.Single(digests, m => m.UserId == daily.Id).To);
        Assert.Equal(weekly.Email, Assert.Single(digests, m => m.UserId == weekly.Id).To);
        Assert.DoesNotContain(digests, m => m.UserId == never.Id || m.UserId == quiet.Id);
        await using (var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var empty = await session.Query<DigestSent>().Where(d => d.UserId == quiet.Id).ToListAsync();
            Assert.NotEmpty(empty);
            Assert.All(empty, d => Assert.Equal(0, d.Items)); // each empty period was decided, and sent nothing
        }

        var mail = Assert.Single(await app.MailsTo(daily.Email, count: 2), m => m.Subject!.StartsWith("Your daily digest:")); // and the reply's own mail
        Assert.Contains("commented on \"My first fret\"", mail.TextBody); // the reply, from the unread notifications
        Assert.Contains("New in Fretwork: \"Fret levelling\"", mail.TextBody);
        Assert.Contains("Coming up in Fretwork: Setup clinic", mail.TextBody);
        Assert.DoesNotContain("My first fret\"", mail.TextBody!.Replace("commented on \"My first fret\"", "")); // not their own post as news
        var weeklyMail = Assert.Single(await app.MailsTo(weekly.Email));
        Assert.StartsWith("Your weekly digest:", weeklyMail.Subject);
        Assert.Contains("New in Fretwork: \"Fret levelling\"", weeklyMail.TextBody);

        // The digest's one-click unsubscribe: the next day's digest is no longer owed, even with news.
        var link = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        Assert.Equal("Digest", HttpUtility.ParseQueryString(link.Query)["kind"]);
        await app.Host.Server.CreateClient().PostAsync(link.PathAndQuery, null);
        await owner.Client.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Nut files\", body: \"Which?\" }) { id } }", new { c = community });
        app.Clock.SetUtcNow(new[] { dailyAt, weeklyAt }.Max().AddDays(1).AddMinutes(1));
        Assert.DoesNotContain(await Tick(), m => m.UserId == daily.Id);
    }

    [Fact]
    public async Task a_period_already_decided_is_never_sent_again_even_when_its_message_comes_twice()
    {
        var owner = await Person("host");
        var community = await Given.Community(owner.Client, "Inlays");
        var member = await Person("twice", "{ digest: DAILY }");
        await Join(member, community);
        await owner.Client.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Abalone\", body: \"Dust!\" }) { id } }", new { c = community });
        app.Clock.SetUtcNow(Next("UTC", null).AddMinutes(1));
        var period = DigestSchedule.Latest(DigestFrequency.Daily, DateTimeZone.Utc, app.Clock.GetUtcNow())!;
        var compose = new ComposeDigest(member.Id, DigestFrequency.Daily, period.Key, period.From, period.To);

        // Two deliveries of one member's digest at once (a redelivery after a crash, or two nodes): one mail.
        var tracked = await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected().ExecuteAndWaitAsync(async Task (IMessageContext bus) =>
        {
            await bus.PublishAsync(compose);
            await bus.PublishAsync(compose);
        });
        Assert.Single(tracked.Sent.MessagesOf<SendMail>(), m => m.UserId == member.Id);
        Assert.DoesNotContain(await Tick(), m => m.UserId == member.Id);
        Assert.Single(await app.MailsTo(member.Email));
    }

    [Fact]
    public async Task posts_of_a_suspended_author_stay_out_of_the_digest_as_they_are_hidden_from_members_everywhere()
    {
        var owner = await Person("host");
        var community = await Given.Community(owner.Client, "Binding");
        var reader = await Person("reader", "{ digest: DAILY }");
        var spammer = await Person("spammer");
        foreach (var member in new[] { reader, spammer }) await Join(member, community);
        const string post = "mutation($c: ID!, $t: String!) { createPost(input: { communityId: $c, title: $t, body: \"...\" }) { id } }";
        await owner.Client.Data(post, new { c = community, t = "Purfling channels" });
        await spammer.Client.Data(post, new { c = community, t = "Cheap tools here" });
        await app.Client($"admin{Guid.NewGuid():N}"[..16], "admin").Data("mutation($u: ID!) { suspendUser(userId: $u, reason: \"Spam\") { id } }", new { u = spammer.Id });
        await app.WaitForProjections(); // the community's card, which names it in the mail

        app.Clock.SetUtcNow(Next("UTC", null).AddMinutes(1));
        Assert.Single(await Tick(), m => m.UserId == reader.Id);
        var mail = Assert.Single(await app.MailsTo(reader.Email));
        Assert.Contains("New in Binding: \"Purfling channels\"", mail.TextBody);
        Assert.DoesNotContain("Cheap tools here", mail.TextBody);
    }
}
