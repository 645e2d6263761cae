using System.Text.Json;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Moderation;

/// <summary>The GraphQL calls the moderation tests share: a community with members and a moderator, reports and decisions.</summary>
public sealed class ModerationScenario(PlatformApp app)
{
    public const string CaseFields = "id targetId kind communityId postId snapshot openReports hidden hiddenAutomatically deleted lastAction " +
                                     "reports { id reason text open reporter { handle } } appeal { text open } log { action reason actorId }";

    public SocialScenario Social { get; } = new(app);

    /// <summary>A public community with its creator, a moderator granted by an admin, and <paramref name="members"/> joined members.</summary>
    public async Task<(string Community, string Creator, string Moderator, string[] Members)> Community(int members)
    {
        var creator = SocialScenario.User("mcreator");
        var community = await Social.Community(creator);
        var moderator = SocialScenario.User("mmod");
        await app.Client(moderator).Data("{ me { id } }");
        await app.Client(SocialScenario.User("madmin"), "admin").Data(
            "mutation($u: ID!, $c: ID) { grantRole(userId: $u, role: MODERATOR, communityId: $c, reason: \"Helps out\") { id } }",
            new { u = PlatformApp.UserId(moderator), c = community });
        var joined = Enumerable.Range(0, members).Select(_ => SocialScenario.User("mmember")).ToArray();
        foreach (var member in joined) await Social.Join(member, community);
        return (community, creator, moderator, joined);
    }

    public Task<GraphQLResponse> TryReport(string reporter, string target, string reason = "SPAM", string? text = null) =>
        app.Client(reporter).Send("mutation($t: ID!, $r: ReportReason!, $x: String) { reportContent(targetId: $t, reason: $r, text: $x) { id reason text open } }",
            new { t = target, r = reason, x = text });

    public async Task<string> Report(string reporter, string target, string reason = "SPAM", string? text = null)
    {
        var response = await TryReport(reporter, target, reason, text);
        Assert.True(response.Errors is null, response.Body.ToString());
        return response.Body.GetProperty("data").GetProperty("reportContent").GetProperty("id").GetString()!;
    }

    public Task<GraphQLResponse> TryQueue(string caller, string community) =>
        app.Client(caller).Send($"query($c: ID!) {{ moderationQueue(communityId: $c) {{ nodes {{ {CaseFields} }} }} }}", new { c = community });

    public async Task<List<JsonElement>> Queue(string caller, string community)
    {
        var response = await TryQueue(caller, community);
        Assert.True(response.Errors is null, response.Body.ToString());
        return [.. response.Body.GetProperty("data").GetProperty("moderationQueue").GetProperty("nodes").EnumerateArray()];
    }

    public Task<GraphQLResponse> TryResolve(string moderator, string report, string action, string? reason = "Against the rules") =>
        app.Client(moderator).Send($"mutation($r: ID!, $a: ModerationAction!, $why: String) {{ resolveReport(reportId: $r, action: $a, reason: $why) {{ {CaseFields} }} }}",
            new { r = report, a = action, why = reason });

    public async Task<JsonElement> Resolve(string moderator, string report, string action, string? reason = "Against the rules")
    {
        var response = await TryResolve(moderator, report, action, reason);
        Assert.True(response.Errors is null, response.Body.ToString());
        return response.Body.GetProperty("data").GetProperty("resolveReport");
    }

    public Task<GraphQLResponse> TryPost(string reader, string post) =>
        app.Client(reader).Send($"query($p: ID!) {{ post(id: $p) {{ {SocialScenario.PostFields} }} }}", new { p = post });
}
