using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Moderation;

public sealed class when_moderators_decide(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly ModerationScenario scenario = new(app);

    private static string Id(JsonElement element) => element.GetProperty("id").GetString()!;

    [Fact]
    public async Task delete_removes_the_post_with_the_reason_and_it_cannot_be_restored()
    {
        var (community, _, moderator, members) = await scenario.Community(2);
        var post = Id(await scenario.Social.Post(members[0], community, "Scam link"));
        var decided = await scenario.Resolve(moderator, await scenario.Report(members[1], post), "DELETE", "Phishing");

        Assert.True(decided.GetProperty("deleted").GetBoolean());
        Assert.Equal("NOT_FOUND", (await scenario.TryPost(moderator, post)).FirstErrorCode);
        var deleted = (await app.EventsOf(Guid.Parse(post))).Select(e => e.Data).OfType<Platform.Contracts.Social.PostDeleted>().Single();
        Assert.Equal("Phishing", deleted.Reason);
        Assert.Equal(PlatformApp.UserId(moderator), deleted.DeletedBy);
        Assert.Equal("CONFLICT", (await app.Client(moderator).Send("mutation($t: ID!) { restoreContent(targetId: $t) { id } }", new { t = post })).FirstErrorCode);
    }

    [Fact]
    public async Task a_reason_is_required_except_to_dismiss_and_a_member_cannot_be_hidden()
    {
        var (community, _, moderator, members) = await scenario.Community(2);
        var post = Id(await scenario.Social.Post(members[0], community, "Meh"));
        var report = await scenario.Report(members[1], post);
        Assert.Equal("VALIDATION", (await scenario.TryResolve(moderator, report, "WARN", null)).FirstErrorCode);
        Assert.Equal("VALIDATION", (await scenario.TryResolve(moderator, report, "HIDE", new string('x', 501))).FirstErrorCode);

        var membership = Platform.Contracts.DeterministicId.Membership(Guid.Parse(community), PlatformApp.UserId(members[0]));
        var memberReport = await scenario.Report(members[1], membership.ToString(), "HARASSMENT");
        Assert.Equal("VALIDATION", (await scenario.TryResolve(moderator, memberReport, "HIDE")).FirstErrorCode);
        Assert.Equal("MEMBER", (await scenario.Resolve(moderator, memberReport, "WARN", "Be kind")).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ban_bans_the_author_and_hides_the_content_and_the_author_appeals_once_and_a_restore_shows_it_again()
    {
        var (community, _, moderator, members) = await scenario.Community(2);
        var comment = Id(await scenario.Social.Comment(members[0], Id(await scenario.Social.Post(members[1], community, "Thread")), "Insult"));
        var decided = await scenario.Resolve(moderator, await scenario.Report(members[1], comment, "HARASSMENT"), "BAN", "Repeated insults");
        Assert.True(decided.GetProperty("hidden").GetBoolean());
        Assert.Equal("FORBIDDEN", (await scenario.Social.TryPost(members[0], community)).FirstErrorCode);
        var caseId = Id(decided);

        var appeal = await app.Client(members[0]).Data("mutation($c: ID!, $t: String!) { appealModeration(caseId: $c, text: $t) { reports { id } appeal { text open } } }",
            new { c = caseId, t = "It was a joke between friends" });
        Assert.Equal(JsonValueKind.Null, appeal.GetProperty("appealModeration").GetProperty("reports").ValueKind); // reporters stay unknown to the author
        Assert.Equal("CONFLICT", (await app.Client(members[0]).Send("mutation($c: ID!) { appealModeration(caseId: $c, text: \"again\") { id } }",
            new { c = caseId })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(members[1]).Send("mutation($c: ID!) { appealModeration(caseId: $c, text: \"me too\") { id } }",
            new { c = caseId })).FirstErrorCode);
        var queued = Assert.Single(await scenario.Queue(moderator, community));
        Assert.Equal("It was a joke between friends", queued.GetProperty("appeal").GetProperty("text").GetString());

        var restored = (await app.Client(moderator).Data($"mutation($t: ID!) {{ restoreContent(targetId: $t, reason: \"Appeal granted\") {{ {ModerationScenario.CaseFields} }} }}",
            new { t = comment })).GetProperty("restoreContent");
        Assert.False(restored.GetProperty("hidden").GetBoolean());
        Assert.False(restored.GetProperty("appeal").GetProperty("open").GetBoolean());
        Assert.Equal(["REPORT", "BAN", "HIDE", "APPEAL", "RESTORE"], restored.GetProperty("log").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Empty(await scenario.Queue(moderator, community));
    }

    [Fact]
    public async Task a_moderator_of_one_community_can_neither_see_nor_act_on_another_communitys_queue()
    {
        var (community, _, _, members) = await scenario.Community(2);
        var (_, otherCreator, otherModerator, _) = await scenario.Community(0);
        var post = Id(await scenario.Social.Post(members[0], community, "Spam"));
        var report = await scenario.Report(members[1], post);

        foreach (var outsider in new[] { otherModerator, otherCreator })
        {
            Assert.Equal("FORBIDDEN", (await scenario.TryQueue(outsider, community)).FirstErrorCode);
            Assert.Equal("NOT_FOUND", (await scenario.TryResolve(outsider, report, "HIDE")).FirstErrorCode);
            Assert.Equal("NOT_FOUND", (await app.Client(outsider).Send("mutation($t: ID!) { restoreContent(targetId: $t) { id } }", new { t = post })).FirstErrorCode);
        }
        Assert.Equal("FORBIDDEN", (await scenario.TryQueue(members[1], community)).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await scenario.TryResolve(members[1], report, "HIDE")).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await scenario.TryReport(otherModerator, post)).FirstErrorCode); // not inside the community
    }

    [Fact]
    public async Task a_warning_reaches_the_author_and_every_reporter_hears_that_their_report_was_decided()
    {
        var (community, _, moderator, members) = await scenario.Community(3);
        var post = Id(await scenario.Social.Post(members[0], community, "Off topic"));
        await scenario.Report(members[1], post, "OFF_TOPIC");
        var caseId = Id(await scenario.Resolve(moderator, await scenario.Report(members[2], post, "OFF_TOPIC"), "WARN", "Keep to the topic"));

        var authorNotices = await scenario.Social.Feed(members[0], "NOTIFICATION", PlatformApp.UserId(members[0]));
        Assert.Contains(authorNotices, n => n.Verb == "moderation" && n.Id.Contains(caseId));
        foreach (var reporter in members[1..])
            Assert.Contains(await scenario.Social.Feed(reporter, "NOTIFICATION", PlatformApp.UserId(reporter)), n => n.Verb == "report_resolved" && n.Id.Contains(caseId));

        var dismissedCase = Id(await scenario.Resolve(moderator, await scenario.Report(members[1], Id(await scenario.Social.Post(members[0], community, "Fine"))), "DISMISS", null));
        Assert.DoesNotContain(await scenario.Social.Feed(members[0], "NOTIFICATION", PlatformApp.UserId(members[0])), n => n.Id.Contains(dismissedCase));
    }
}
