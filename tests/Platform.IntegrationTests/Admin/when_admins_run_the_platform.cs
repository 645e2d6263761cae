using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Commerce;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Moderation;
using Platform.IntegrationTests.Moderation;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Admin;

public sealed class when_admins_run_the_platform(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly ModerationScenario scenario = new(app);

    private GraphQLClient Admin() => app.Client(SocialScenario.User("admin"), "admin");

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    [Fact]
    public async Task a_suspended_user_is_refused_with_the_reason_and_their_content_is_hidden_until_restored()
    {
        var (community, creator, _, members) = await scenario.Community(2);
        var post = Id(await scenario.Social.Post(members[0], community, "Mine"));
        var thread = Id(await scenario.Social.Post(members[1], community, "Thread"));
        await scenario.Social.Comment(members[0], thread, "A comment of mine");
        var admin = Admin();
        await admin.Data("mutation($u: ID!) { suspendUser(userId: $u, reason: \"Spamming every community\") { id } }", new { u = PlatformApp.UserId(members[0]) });

        var refused = await app.Client(members[0]).Send("{ me { id } }");
        Assert.Equal(401, refused.Status);
        Assert.Equal("UNAUTHENTICATED", refused.FirstErrorCode);
        Assert.Contains("suspended: Spamming every community", refused.Errors!.Value[0].GetProperty("message").GetString());
        Assert.Equal("NOT_FOUND", (await scenario.TryPost(members[1], post)).FirstErrorCode);
        Assert.Empty((await scenario.TryPost(members[1], thread)).Body.GetProperty("data").GetProperty("post").GetProperty("comments").EnumerateArray());
        Assert.DoesNotContain(await scenario.Social.Feed(members[1], "COMMUNITY", community), i => i.Id.Contains(post));
        Assert.Null((await scenario.TryPost(creator, post)).Errors); // staff still see it

        await admin.Data("mutation($u: ID!) { unsuspendUser(userId: $u) { id } }", new { u = PlatformApp.UserId(members[0]) });
        Assert.Null((await app.Client(members[0]).Send("{ me { id } }")).Errors);
        Assert.Null((await scenario.TryPost(members[1], post)).Errors);
        Assert.Equal("CONFLICT", (await admin.Send("mutation($u: ID!) { unsuspendUser(userId: $u) { id } }", new { u = PlatformApp.UserId(members[0]) })).FirstErrorCode);
    }

    private async Task<string[]> Found(string user, string text) =>
        [.. (await app.Client(user).Data("query($t: String!) { search(text: $t) { id } }", new { t = text })).GetProperty("search").EnumerateArray()
            .Select(h => h.GetProperty("id").GetString()!)];

    [Fact]
    public async Task a_suspended_user_is_refused_over_websocket_with_the_reason_and_search_no_longer_finds_their_content()
    {
        var (community, creator, _, members) = await scenario.Community(2);
        var post = Id(await scenario.Social.Post(members[0], community, "Quokkas everywhere", "Suspended author's words"));
        await app.WaitForProjections();
        Assert.Contains(post, await Found(members[1], "quokkas"));
        await using var connected = await GraphQLWebSocketClient.Connect(app.Host);
        await connected.Initialise(PlatformApp.Token(members[0]));

        await Admin().Data("mutation($u: ID!) { suspendUser(userId: $u, reason: \"Spamming every community\") { id } }", new { u = PlatformApp.UserId(members[0]) });

        Assert.DoesNotContain(post, await Found(members[1], "quokkas"));
        Assert.Contains(post, await Found(creator, "quokkas")); // the community's staff still find it
        await using (var fresh = await GraphQLWebSocketClient.Connect(app.Host))
        {
            await fresh.Send(new { type = "connection_init", payload = new { Authorization = $"Bearer {PlatformApp.Token(members[0])}" } });
            Assert.Equal(4403, await fresh.ExpectClose());
            Assert.Equal("This account is suspended: Spamming every community", fresh.CloseReason);
        }
        // A connection opened before the suspension: its next operation is refused with the reason.
        await connected.Send(new { id = "late", type = "subscribe", payload = new { query = "subscription($c: ID!) { postAdded(communityId: $c) { id } }", variables = new { c = community } } });
        var refused = await connected.Receive();
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("UNAUTHENTICATED", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("This account is suspended: Spamming every community", refused.GetProperty("payload")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task platform_stats_equal_the_counts_computed_from_the_events()
    {
        var (community, creator, moderator, members) = await scenario.Community(3);
        var course = (await app.Client(creator).Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Basics\" }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await app.Client(creator).Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"One\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        await app.Client(creator).Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"First\" }) { id } }", new { m = module });
        await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        foreach (var member in members) await app.Client(member).Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        var post = Id(await scenario.Social.Post(members[0], community, "Reported"));
        await scenario.Report(members[1], post);
        var decided = await scenario.Report(members[2], Id(await scenario.Social.Post(members[0], community, "Decided")));
        await scenario.Resolve(moderator, decided, "DISMISS", null);
        var admin = Admin();
        await admin.Data("{ me { id } }"); // the admin's first request registers them: an activity too
        await app.WaitForProjections();

        var stats = (await admin.Data("{ platformStats(window: ALL_TIME) { users activeUsers7Days activeUsers30Days communities courses enrolments purchases gross { amount currency } refunds openReports } }"))
            .GetProperty("platformStats");

        await using var events = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var resolved = (await events.Events.QueryRawEventDataOnly<ReportsResolved>().ToListAsync()).SelectMany(r => r.ReportIds).ToHashSet();
        var open = (await events.Events.QueryRawEventDataOnly<ContentReported>().ToListAsync()).Count(r => !resolved.Contains(r.ReportId));
        var users = await events.Events.QueryRawEventDataOnly<UserRegistered>().CountAsync(); // the admin's registration included
        Assert.Equal(users, stats.GetProperty("users").GetInt32());
        Assert.Equal(await events.Events.QueryRawEventDataOnly<CommunityCreated>().CountAsync(), stats.GetProperty("communities").GetInt32());
        Assert.Equal(await events.Events.QueryRawEventDataOnly<CourseCreated>().CountAsync(), stats.GetProperty("courses").GetInt32());
        Assert.Equal(await events.Events.QueryRawEventDataOnly<Enrolled>().CountAsync(), stats.GetProperty("enrolments").GetInt32());
        Assert.Equal(await events.Events.QueryRawEventDataOnly<PaymentSucceeded>().CountAsync(), stats.GetProperty("purchases").GetInt32());
        Assert.Equal(1, open);
        Assert.Equal(open, stats.GetProperty("openReports").GetInt32());
        // Every event of this test host was recorded minutes ago: active in both periods is everyone who recorded one under their user id.
        var active = (await events.Events.QueryAllRawEvents().ToListAsync()).Select(e => e.UserName).Where(n => Guid.TryParseExact(n, "D", out _)).Distinct().Count();
        Assert.True(active >= 4); // the creator, the moderator and the members at least
        Assert.Equal(active, stats.GetProperty("activeUsers7Days").GetInt32());
        Assert.Equal(active, stats.GetProperty("activeUsers30Days").GetInt32());
        Assert.Equal(3, stats.GetProperty("enrolments").GetInt32()); // the figures are not all zero: this test's own enrolments
    }

    [Fact]
    public async Task a_featured_community_comes_first_in_discovery_until_it_is_unfeatured()
    {
        var older = await Given.Community(app.Client(SocialScenario.User("owner")), "Older");
        var newer = await Given.Community(app.Client(SocialScenario.User("owner")), "Newer");
        var admin = Admin();
        Assert.True((await admin.Data("mutation($c: ID!) { featureCommunity(communityId: $c) }", new { c = older })).GetProperty("featureCommunity").GetBoolean());
        await app.WaitForProjections();

        const string discovery = "query($after: String) { communities(first: 1, after: $after) { nodes { id featured } pageInfo { endCursor } } }";
        var first = (await app.Client().Data(discovery, new { after = (string?)null })).GetProperty("communities");
        Assert.Equal(older, Id(first.GetProperty("nodes")[0]));
        Assert.True(first.GetProperty("nodes")[0].GetProperty("featured").GetBoolean());
        var second = (await app.Client().Data(discovery, new { after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() })).GetProperty("communities");
        Assert.Equal(newer, Id(second.GetProperty("nodes")[0])); // then newest first

        Assert.False((await admin.Data("mutation($c: ID!) { unfeatureCommunity(communityId: $c) }", new { c = older })).GetProperty("unfeatureCommunity").GetBoolean());
        await app.WaitForProjections();
        Assert.Equal(newer, Id((await app.Client().Data(discovery, new { after = (string?)null })).GetProperty("communities").GetProperty("nodes")[0]));
        Assert.Equal("FORBIDDEN", (await app.Client(SocialScenario.User("member")).Send("mutation($c: ID!) { featureCommunity(communityId: $c) }", new { c = older })).FirstErrorCode);
    }
}
