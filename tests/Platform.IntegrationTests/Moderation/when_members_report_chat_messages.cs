using System.Text.Json;
using Platform.IntegrationTests.Chat;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Moderation;

public sealed class when_members_report_chat_messages(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly ModerationScenario scenario = new(app);
    private readonly ChatScenario chat = new(app);

    private async Task<string> SendInChannel(string sender, string community, string body) =>
        (await chat.Send(sender, new { communityId = community, body })).GetProperty("id").GetString()!;

    private async Task<List<string>> ChannelMessages(string reader, string community)
    {
        var channel = (await app.Client(reader).Data("query($c: ID!) { communityChannel(communityId: $c) { id } }", new { c = community }))
            .GetProperty("communityChannel").GetProperty("id").GetString()!;
        var conversation = await chat.Conversation(reader, channel);
        return [.. conversation.GetProperty("messages").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task a_reported_channel_message_reaches_its_communitys_queue_and_hide_takes_it_from_members_but_not_from_staff()
    {
        var (community, creator, moderator, members) = await scenario.Community(2);
        var (other, _, otherModerator, _) = await scenario.Community(0);
        var rude = await SendInChannel(members[0], community, "You are all idiots");
        var kind = await SendInChannel(members[0], community, "Sorry, bad day");
        var report = await scenario.Report(members[1], rude, "HARASSMENT");
        await app.Client(members[0]).Data("mutation($m: ID!) { editMessage(messageId: $m, body: \"Hello all\") { id } }", new { m = rude });

        var item = Assert.Single(await scenario.Queue(moderator, community));
        Assert.Equal(rude, item.GetProperty("targetId").GetString());
        Assert.Equal("MESSAGE", item.GetProperty("kind").GetString());
        Assert.Equal("You are all idiots", item.GetProperty("snapshot").GetString());
        Assert.Equal("HARASSMENT", Assert.Single(item.GetProperty("reports").EnumerateArray()).GetProperty("reason").GetString());
        Assert.Empty(await scenario.Queue(otherModerator, other));
        Assert.Equal("FORBIDDEN", (await scenario.TryQueue(otherModerator, community)).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await scenario.TryResolve(otherModerator, report, "HIDE")).FirstErrorCode);

        var hidden = await scenario.Resolve(moderator, report, "HIDE", "Insults members");
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.Equal(new[] { kind }, await ChannelMessages(members[1], community));
        Assert.Equal(new[] { kind }, await ChannelMessages(members[0], community));
        Assert.Equal(new[] { kind, rude }, await ChannelMessages(moderator, community));
        Assert.Equal(new[] { kind, rude }, await ChannelMessages(creator, community));

        await app.Client(moderator).Data("mutation($t: ID!) { restoreContent(targetId: $t, reason: \"Apologised\") { id } }", new { t = rude });
        Assert.Equal(new[] { kind, rude }, await ChannelMessages(members[1], community));
    }

    [Fact]
    public async Task only_someone_inside_the_channels_community_may_report_a_message_and_direct_messages_go_to_no_queue()
    {
        var (community, _, _, members) = await scenario.Community(2);
        var outsider = SocialScenario.User("mout");
        var message = await SendInChannel(members[0], community, "Members only");
        Assert.Equal("NOT_FOUND", (await scenario.TryReport(outsider, message)).FirstErrorCode);
        Assert.Equal("VALIDATION", (await scenario.TryReport(members[0], message)).FirstErrorCode); // one's own message

        var direct = (await chat.Send(members[0], new { toUserId = ChatScenario.Id(members[1]), body = "Private words" })).GetProperty("id").GetString()!;
        Assert.Equal("NOT_FOUND", (await scenario.TryReport(members[1], direct)).FirstErrorCode);
    }

    [Fact]
    public async Task three_reporters_hide_a_channel_message_and_delete_removes_its_text()
    {
        var (community, _, moderator, members) = await scenario.Community(4);
        var spam = await SendInChannel(members[0], community, "Cheap watches at my shop");
        foreach (var reporter in members[1..3]) await scenario.Report(reporter, spam);
        Assert.Contains(spam, await ChannelMessages(members[3], community));

        var third = await scenario.Report(members[3], spam);
        Assert.DoesNotContain(spam, await ChannelMessages(members[1], community));
        Assert.True(Assert.Single(await scenario.Queue(moderator, community)).GetProperty("hiddenAutomatically").GetBoolean());

        var deleted = await scenario.Resolve(moderator, third, "DELETE", "Spam");
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        var channel = (await app.Client(moderator).Data("query($c: ID!) { communityChannel(communityId: $c) { id } }", new { c = community }))
            .GetProperty("communityChannel").GetProperty("id").GetString()!;
        var node = (await chat.Conversation(moderator, channel)).GetProperty("messages").GetProperty("edges").EnumerateArray().Single().GetProperty("node");
        Assert.Equal(JsonValueKind.Null, node.GetProperty("body").ValueKind);
        Assert.Equal(PlatformApp.UserId(moderator).ToString(), node.GetProperty("deletedBy").GetString());
    }
}
