using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Moderation;

public sealed class when_members_report_content(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly ModerationScenario scenario = new(app);

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    [Fact]
    public async Task a_report_reaches_the_queue_with_the_content_as_reported_and_its_reporter()
    {
        var (community, _, moderator, members) = await scenario.Community(2);
        var post = Id(await scenario.Social.Post(members[0], community, "Buy cheap watches", "Visit my shop"));
        await scenario.Report(members[1], post, "OTHER", "Selling in the feed");
        await app.Client(members[0]).Data("mutation($p: ID!) { editPost(postId: $p, input: { body: \"Nothing to see\" }) { id } }", new { p = post });

        var item = Assert.Single(await scenario.Queue(moderator, community));
        Assert.Equal(post, item.GetProperty("targetId").GetString());
        Assert.Equal("POST", item.GetProperty("kind").GetString());
        Assert.Equal("Buy cheap watches\n\nVisit my shop", item.GetProperty("snapshot").GetString());
        Assert.Equal(1, item.GetProperty("openReports").GetInt32());
        var report = Assert.Single(item.GetProperty("reports").EnumerateArray());
        Assert.Equal("OTHER", report.GetProperty("reason").GetString());
        Assert.Equal("Selling in the feed", report.GetProperty("text").GetString());
        Assert.Equal(members[1], report.GetProperty("reporter").GetProperty("handle").GetString());
        Assert.False(item.GetProperty("hidden").GetBoolean());
    }

    [Fact]
    public async Task a_member_has_one_open_report_per_target_and_reasons_are_checked()
    {
        var (community, _, _, members) = await scenario.Community(2);
        var post = Id(await scenario.Social.Post(members[0], community, "Hello"));
        await scenario.Report(members[1], post);

        Assert.Equal("CONFLICT", (await scenario.TryReport(members[1], post, "HARASSMENT")).FirstErrorCode);
        Assert.Equal("VALIDATION", (await scenario.TryReport(members[0], post)).FirstErrorCode); // one's own post
        Assert.Equal("VALIDATION", (await scenario.TryReport(members[1], Id(await scenario.Social.Post(members[0], community, "Other")), "OTHER")).FirstErrorCode);
        Assert.Equal("VALIDATION", (await scenario.TryReport(members[1], post, "OTHER", new string('x', 1001))).FirstErrorCode);
    }

    [Fact]
    public async Task three_distinct_reporters_hide_a_post_until_a_moderator_dismisses_the_reports()
    {
        var (community, _, moderator, members) = await scenario.Community(4);
        var post = Id(await scenario.Social.Post(members[0], community, "Borderline"));
        await scenario.Report(members[1], post);
        await scenario.Report(members[2], post);
        Assert.Null((await scenario.TryPost(members[3], post)).Errors);

        var third = await scenario.Report(members[3], post, "HARASSMENT");
        Assert.Equal("NOT_FOUND", (await scenario.TryPost(members[1], post)).FirstErrorCode);
        Assert.Null((await scenario.TryPost(moderator, post)).Errors);
        var item = Assert.Single(await scenario.Queue(moderator, community));
        Assert.True(item.GetProperty("hiddenAutomatically").GetBoolean());
        Assert.Equal(3, item.GetProperty("openReports").GetInt32());

        var dismissed = await scenario.Resolve(moderator, third, "DISMISS", null);
        Assert.False(dismissed.GetProperty("hidden").GetBoolean());
        Assert.Equal(0, dismissed.GetProperty("openReports").GetInt32());
        Assert.Null((await scenario.TryPost(members[1], post)).Errors);
        Assert.Empty(await scenario.Queue(moderator, community));
        Assert.Equal("CONFLICT", (await scenario.TryResolve(moderator, third, "HIDE")).FirstErrorCode);
    }

    [Fact]
    public async Task a_hidden_post_and_a_hidden_comment_are_gone_for_members_from_post_comments_feeds_and_search_but_not_for_staff()
    {
        var (community, creator, moderator, members) = await scenario.Community(2);
        var tag = Search.when_members_search.Tag();
        var post = Id(await scenario.Social.Post(members[0], community, $"Offensive {tag}", $"Rude words {tag}"));
        var clean = Id(await scenario.Social.Post(members[1], community, $"Kind {tag}", "Nice words"));
        var comment = Id(await scenario.Social.Comment(members[0], clean, $"Nasty remark {tag}"));
        await scenario.Resolve(moderator, await scenario.Report(members[1], post), "HIDE");
        await scenario.Resolve(moderator, await scenario.Report(members[1], comment, "HARASSMENT"), "HIDE");
        await app.WaitForProjections();

        foreach (var member in new[] { members[1], members[0] })
        {
            Assert.Equal("NOT_FOUND", (await scenario.TryPost(member, post)).FirstErrorCode);
            var kind = (await scenario.TryPost(member, clean)).Body.GetProperty("data").GetProperty("post");
            Assert.Empty(kind.GetProperty("comments").EnumerateArray());
            Assert.Equal(0, kind.GetProperty("commentCount").GetInt32());
            Assert.DoesNotContain(await scenario.Social.Feed(member, "COMMUNITY", community), i => i.Id.Contains(post));
            Assert.DoesNotContain(await scenario.Social.Feed(member, "USER", PlatformApp.UserId(members[0])), i => i.Id.Contains(post));
            Assert.Equal([clean], await Found(app.Client(member), tag));
        }
        Assert.Equal("NOT_FOUND", (await app.Client(members[1]).Send("mutation($p: ID!) { addComment(postId: $p, input: { body: \"hi\" }) { id } }",
            new { p = post })).FirstErrorCode);

        foreach (var staff in new[] { moderator, creator })
        {
            var seen = (await scenario.TryPost(staff, clean)).Body.GetProperty("data").GetProperty("post");
            Assert.Equal(comment, Id(Assert.Single(seen.GetProperty("comments").EnumerateArray())));
            Assert.Null((await scenario.TryPost(staff, post)).Errors);
            Assert.Contains(await scenario.Social.Feed(staff, "COMMUNITY", community), i => i.Id.Contains(post));
            Assert.Equal(new[] { clean, comment, post }.Order(), (await Found(app.Client(staff), tag)).Order());
        }
        Assert.Equal(new[] { clean, comment, post }.Order(), (await Found(app.Client(Social.SocialScenario.User("madmin"), "admin"), tag)).Order());
    }

    private static async Task<List<string>> Found(GraphQLClient client, string tag)
    {
        var hits = await client.Data("query($t: String!) { search(text: $t, kinds: [POST, COMMENT]) { id } }", new { t = tag });
        return [.. hits.GetProperty("search").EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];
    }
}
