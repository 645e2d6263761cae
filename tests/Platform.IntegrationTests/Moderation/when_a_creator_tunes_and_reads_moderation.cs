using System.Text.Json;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Moderation;

public sealed class when_a_creator_tunes_and_reads_moderation(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly ModerationScenario scenario = new(app);

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    private const string SetThreshold = "mutation($c: ID!, $n: Int!) { setAutoHideThreshold(communityId: $c, threshold: $n) { id autoHideThreshold } }";

    private const string Log = "query($c: ID!, $after: String) { moderationLog(communityId: $c, first: 3, after: $after) { nodes { type actor data } pageInfo { hasNextPage endCursor } } }";

    [Fact]
    public async Task the_creators_threshold_hides_a_post_at_two_reporters_where_the_default_needs_three()
    {
        var (community, creator, moderator, members) = await scenario.Community(3);
        var (other, _, _, otherMembers) = await scenario.Community(3);
        Assert.Equal("VALIDATION", (await app.Client(creator).Send(SetThreshold, new { c = community, n = 1 })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Client(moderator).Send(SetThreshold, new { c = community, n = 2 })).FirstErrorCode);
        var set = (await app.Client(creator).Data(SetThreshold, new { c = community, n = 2 })).GetProperty("setAutoHideThreshold");
        Assert.Equal(2, set.GetProperty("autoHideThreshold").GetInt32());

        var post = Id(await scenario.Social.Post(members[0], community, "Twice reported"));
        var elsewhere = Id(await scenario.Social.Post(otherMembers[0], other, "Twice reported elsewhere"));
        foreach (var reporter in members[1..]) await scenario.Report(reporter, post);
        foreach (var reporter in otherMembers[1..]) await scenario.Report(reporter, elsewhere);

        Assert.Equal("NOT_FOUND", (await scenario.TryPost(members[1], post)).FirstErrorCode);
        Assert.True(Assert.Single(await scenario.Queue(moderator, community)).GetProperty("hiddenAutomatically").GetBoolean());
        Assert.Null((await scenario.TryPost(otherMembers[1], elsewhere)).Errors); // the default of 3 still applies there
    }

    [Fact]
    public async Task every_moderation_action_is_in_the_communitys_log_with_its_actor_for_the_creator_and_admins_only()
    {
        var (community, creator, moderator, members) = await scenario.Community(3);
        var hidden = Id(await scenario.Social.Post(members[0], community, "Hidden then restored"));
        var decided = await scenario.Resolve(moderator, await scenario.Report(members[1], hidden), "HIDE", "Off topic here");
        await app.Client(members[0]).Data("mutation($c: ID!) { appealModeration(caseId: $c, text: \"It is on topic\") { id } }", new { c = Id(decided) });
        await app.Client(moderator).Data("mutation($t: ID!) { restoreContent(targetId: $t, reason: \"Appeal granted\") { id } }", new { t = hidden });
        var deleted = Id(await scenario.Social.Post(members[2], community, "Deleted by staff"));
        await scenario.Resolve(moderator, await scenario.Report(members[1], deleted), "DELETE", "Phishing");
        var own = Id(await scenario.Social.Post(members[2], community, "Deleted by its author"));
        await app.Client(members[2]).Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = own });
        await scenario.Resolve(moderator, await scenario.Report(members[1], Id(await scenario.Social.Post(members[0], community, "Last straw"))), "BAN", "Repeated");

        var entries = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = (await app.Client(creator).Data(Log, new { c = community, after })).GetProperty("moderationLog");
            entries.AddRange(page.GetProperty("nodes").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        } while (after is not null);

        // One decision appends on several streams at once (the case, the post, the membership): the order within it is not the point.
        Assert.Equal(
            new[] { "ContentHidden", "ReportsResolved", "ModerationAppealed", "ContentRestored", "PostDeleted", "ContentHidden", "ReportsResolved", "MemberBanned", "ContentHidden", "ReportsResolved" }.Order(),
            entries.Select(e => e.GetProperty("type").GetString()!).Order());
        var types = entries.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.True(types.IndexOf("ContentHidden") < types.IndexOf("ModerationAppealed") && types.IndexOf("ModerationAppealed") < types.IndexOf("ContentRestored")
                    && types.IndexOf("ContentRestored") < types.IndexOf("PostDeleted"), string.Join(", ", types)); // oldest first
        var moderatorId = PlatformApp.UserId(moderator).ToString();
        Assert.All(entries.Where(e => e.GetProperty("type").GetString() is "ReportsResolved" or "ContentRestored" or "PostDeleted" or "MemberBanned"),
            e => Assert.Equal(moderatorId, e.GetProperty("actor").GetString()));
        Assert.Equal(PlatformApp.UserId(members[0]).ToString(), entries.Single(e => e.GetProperty("type").GetString() == "ModerationAppealed").GetProperty("actor").GetString());
        Assert.Contains("Phishing", entries.Single(e => e.GetProperty("type").GetString() == "PostDeleted").GetProperty("data").GetString());

        Assert.Equal(entries.Count, (await app.Client(SocialScenario.User("admin"), "admin").Data(
            "query($c: ID!) { moderationLog(communityId: $c) { nodes { type } } }", new { c = community })).GetProperty("moderationLog").GetProperty("nodes").GetArrayLength());
        Assert.Equal("FORBIDDEN", (await app.Client(moderator).Send(Log, new { c = community, after = (string?)null })).FirstErrorCode);
        var (_, otherCreator, _, _) = await scenario.Community(0);
        Assert.Equal("FORBIDDEN", (await app.Client(otherCreator).Send(Log, new { c = community, after = (string?)null })).FirstErrorCode);
    }
}
