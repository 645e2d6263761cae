using System.Text.Json;
using Platform.Api.Commerce;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Ledger;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Analytics;

/// <summary>
/// One person who is a member elsewhere, the creator and a moderator of their own community, an admin and in finance opens the
/// dashboard: events coming up in their communities, open reports, their payout balance, the admin console's
/// platform figures and the last reconciliation's mismatches, each in its section of one query.
/// </summary>
public sealed class when_a_user_with_every_role_opens_the_dashboard(AnalyticsApp app) : IClassFixture<AnalyticsApp>
{
    private const string Dashboard = """
        { dashboard {
          member { upcomingEvents { event { title } startsAt } }
          creator { openReports pendingJoinRequests payoutBalance { currency available { amount } pending { amount } inTransit { amount } } }
          moderator { openReports }
          admin { platformStats { users communities openReports } }
          finance { backlog { openDisputes } lastReconciliation { matched unreconciled mismatches } } } }
        """;

    private static long A(JsonElement e, string money) => e.GetProperty(money).GetProperty("amount").GetInt64();

    [Fact]
    public async Task each_section_shows_what_its_role_needs_first()
    {
        var now = app.Clock.GetUtcNow();
        var name = Given.Unique("everyone");
        var me = app.Caller(name, "member", "admin", "finance");
        var mine = await Given.Community(me, "Mine");
        await app.Caller(Given.Unique("boss"), "admin").Data(
            "mutation($u: ID!, $c: ID) { grantRole(userId: $u, role: MODERATOR, communityId: $c, reason: \"helps\") { id } }", new { u = PlatformApp.UserId(name), c = mine });
        var elsewhereCreator = app.Caller(Given.Unique("other"));
        var elsewhere = await Given.Community(elsewhereCreator, "Elsewhere");
        await me.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = elsewhere });
        var stranger = app.Caller(Given.Unique("stranger"));
        var unrelated = await Given.Community(stranger, "Unrelated");

        async Task Event(GraphQLClient by, string community, string title, TimeSpan from) => await by.Data(
            "mutation($c: ID!, $i: CreateEventInput!) { createEvent(communityId: $c, input: $i) { id } }",
            new { c = community, i = new { title, startsAt = now + from, endsAt = now + from + TimeSpan.FromHours(1) } });
        await Event(elsewhereCreator, elsewhere, "Elsewhere in three days", TimeSpan.FromDays(3));
        await Event(me, mine, "Mine tomorrow", TimeSpan.FromDays(1));
        await Event(elsewhereCreator, elsewhere, "Elsewhere in three weeks", TimeSpan.FromDays(21));
        await Event(stranger, unrelated, "In a community I am not in", TimeSpan.FromDays(2));

        var poster = app.Caller(Given.Unique("poster"));
        await poster.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = mine });
        var post = (await poster.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Buy now\", body: \"spam\" }) { id } }", new { c = mine }))
            .GetProperty("createPost").GetProperty("id").GetString();
        foreach (var reporter in new[] { Given.Unique("r1"), Given.Unique("r2") })
        {
            var client = app.Caller(reporter);
            await client.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = mine });
            await client.Data("mutation($p: ID!) { reportContent(targetId: $p, reason: SPAM) { id } }", new { p = post });
        }

        // A sale of 10000 in the creator's community (the fee 15 %): its share is held for the hold period, then available.
        var purchase = Guid.NewGuid();
        var split = MoneySplit.Of(10_000, 15);
        var (communityId, creatorId) = (Guid.Parse(mine), PlatformApp.UserId(name));
        await app.Append(
            (purchase, new CheckoutStarted(purchase, communityId, ProductKind.Community, communityId, creatorId, Guid.NewGuid(), Guid.NewGuid(), PriceInterval.OneTime,
                0, 10_000, 0, 10_000, "eur", 15, null, null, "local", $"cs_{purchase:N}", "http://pay", now.AddHours(1), now)),
            (purchase, new PaymentSucceeded(purchase, 10_000, split.PlatformFee, split.CreatorShare, "eur", $"pi_{purchase:N}", $"evt_{purchase:N}", now)));
        Guid Run(int day) => DeterministicId.From("reconciliation", "test", day.ToString());
        await app.Append(
            (Run(1), new ReconciliationCompleted(Run(1), now.AddDays(-2), now.AddDays(-1), 5, ["AmountDiffers payment:pi_1", "MissingInLedger fee:pi_2"], now.AddMinutes(-2))),
            (Run(2), new ReconciliationCompleted(Run(2), now.AddDays(-1), now, 7, ["MissingAtProvider refund:re_9"], now.AddMinutes(-1))));
        await app.WaitForProjections();

        var d = (await me.Data(Dashboard)).GetProperty("dashboard");

        Assert.Equal(["Mine tomorrow", "Elsewhere in three days"],
            d.GetProperty("member").GetProperty("upcomingEvents").EnumerateArray().Select(o => o.GetProperty("event").GetProperty("title").GetString()));
        var creator = d.GetProperty("creator");
        Assert.Equal(2, creator.GetProperty("openReports").GetInt32());
        Assert.Equal(2, d.GetProperty("moderator").GetProperty("openReports").GetInt32());
        // The ledger dates lines by when they were recorded (the real clock), so whether the share is still held depends on the hold period
        // against the fake clock: the dashboard says what earnings says, and the two parts make the whole share.
        var balance = Assert.Single(creator.GetProperty("payoutBalance").EnumerateArray());
        var earnings = (await me.Data("{ earnings { currency available { amount } pending { amount } inTransit { amount } } }")).GetProperty("earnings");
        Assert.Equal(earnings.GetRawText(), balance.GetRawText());
        Assert.Equal(("eur", split.CreatorShare, 0L), (balance.GetProperty("currency").GetString(), A(balance, "available") + A(balance, "pending"), A(balance, "inTransit")));

        var stats = (await me.Data("{ platformStats { users communities openReports } }")).GetProperty("platformStats");
        Assert.Equal(stats.GetRawText(), d.GetProperty("admin").GetProperty("platformStats").GetRawText());
        Assert.True(stats.GetProperty("openReports").GetInt32() >= 2);

        var reconciliation = d.GetProperty("finance").GetProperty("lastReconciliation");
        Assert.Equal((7, 1), (reconciliation.GetProperty("matched").GetInt32(), reconciliation.GetProperty("unreconciled").GetInt32()));
        Assert.Equal(["MissingAtProvider refund:re_9"], reconciliation.GetProperty("mismatches").EnumerateArray().Select(m => m.GetString()));

        // The creator's and moderator's sections start reading before their own fields resolve, from the query's selections: an alias,
        // a named fragment and an inline one ask for the same as plain fields; sections asked before the member section do not share
        // its session with it.
        var asked = (await me.Data("""
            { dashboard { finance { backlog { openDisputes } } admin { platformStats { users } } mine: creator { ...waiting }
              moderator { ... on CommunitiesSection { openReports } } member { upcomingEvents { startsAt } continueLearning { progressPercent } } } }
            fragment waiting on CommunitiesSection { openReports pendingJoinRequests }
            """)).GetProperty("dashboard");
        Assert.Equal((2, creator.GetProperty("pendingJoinRequests").GetInt32()),
            (asked.GetProperty("mine").GetProperty("openReports").GetInt32(), asked.GetProperty("mine").GetProperty("pendingJoinRequests").GetInt32()));
        Assert.Equal(2, asked.GetProperty("moderator").GetProperty("openReports").GetInt32());
        Assert.Equal(2, asked.GetProperty("member").GetProperty("upcomingEvents").GetArrayLength());
    }
}
