using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Moderation;

public sealed class when_moderators_watch_reports_live(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string ReportAdded = "subscription($c: ID!) { reportAdded(communityId: $c) { targetId communityId snapshot openReports reports { reason } } }";

    private readonly ModerationScenario scenario = new(app);

    private async Task<GraphQLWebSocketClient> Subscribe(string user, string community)
    {
        var client = await GraphQLWebSocketClient.Connect(app.Host);
        await client.Initialise(PlatformApp.Token(user));
        await client.Send(new { id = "reports", type = "subscribe", payload = new { query = ReportAdded, variables = new { c = community } } });
        await client.Send(new { type = "ping" }); // the pong says the subscribe was handled: a refusal would have come first
        return client;
    }

    private static string TypeOf(JsonElement message) => message.GetProperty("type").GetString()!;

    [Fact]
    public async Task the_moderator_and_the_creator_hear_each_report_of_their_community_as_it_is_made()
    {
        var (community, creator, moderator, members) = await scenario.Community(2);
        var (other, _, otherModerator, otherMembers) = await scenario.Community(2);
        var post = (await scenario.Social.Post(members[0], community, "Reported live", "As it was")).GetProperty("id").GetString()!;
        var elsewhere = (await scenario.Social.Post(otherMembers[0], other, "Elsewhere")).GetProperty("id").GetString()!;
        await using var watching = await Subscribe(moderator, community);
        await using var creatorWatching = await Subscribe(creator, community);
        await using var otherWatching = await Subscribe(otherModerator, other);
        foreach (var client in new[] { watching, creatorWatching, otherWatching }) Assert.Equal("pong", TypeOf(await client.Receive()));

        await scenario.Report(members[1], post, "HARASSMENT");

        foreach (var client in new[] { watching, creatorWatching })
        {
            var next = await client.Receive();
            Assert.True(TypeOf(next) == "next", next.ToString());
            var reported = next.GetProperty("payload").GetProperty("data").GetProperty("reportAdded");
            Assert.Equal(post, reported.GetProperty("targetId").GetString());
            Assert.Equal(community, reported.GetProperty("communityId").GetString());
            Assert.Contains("As it was", reported.GetProperty("snapshot").GetString());
            Assert.Equal(1, reported.GetProperty("openReports").GetInt32());
            Assert.Equal("HARASSMENT", reported.GetProperty("reports")[0].GetProperty("reason").GetString());
        }

        // Another community's moderator hears only their own community's reports.
        await scenario.Report(otherMembers[1], elsewhere);
        var own = await otherWatching.Receive();
        Assert.Equal(elsewhere, own.GetProperty("payload").GetProperty("data").GetProperty("reportAdded").GetProperty("targetId").GetString());
    }

    [Fact]
    public async Task a_member_or_another_communitys_moderator_is_refused()
    {
        var (community, _, _, members) = await scenario.Community(1);
        var (_, _, otherModerator, _) = await scenario.Community(0);
        foreach (var user in new[] { members[0], otherModerator })
        {
            await using var client = await Subscribe(user, community);
            var refused = await client.Receive();
            Assert.True(TypeOf(refused) == "error", refused.ToString());
            Assert.Equal("FORBIDDEN", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        }
    }
}
