using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Api.Identity;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Engagement;

/// <summary>The app on a fake clock that tests move by days: likes age out of the 7- and 30-day boards without waiting.</summary>
public sealed class EngagementApp : PlatformApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Tokens that outlive the days the clock is moved by.</summary>
    public GraphQLClient Caller(string user, params string[] roles) =>
        new(Host.Server.CreateClient(), EmbeddedIssuer.LoadOrCreate(KeyPath)
            .Issue(user, roles.Length == 0 ? ["member"] : roles, null, EmbeddedIssuer.DefaultAudience, TimeSpan.FromDays(90)));
}

/// <summary>The GraphQL calls the engagement tests share.</summary>
public sealed class EngagementScenario(EngagementApp app)
{
    public const string MyLevel = """
        query($c: ID!) { myLevel(communityId: $c, recent: 50) {
          points level levelName pointsToNextLevel highestLevel unlockedCourseIds
          recent { id points reason at fromUserId from { handle } postId targetId withdrawnAt withdrawnReason } } }
        """;

    public const string Board = """
        query($c: ID!, $w: LeaderboardWindow!, $f: Int) { leaderboard(communityId: $c, window: $w, first: $f) {
          entries { rank userId points level } me { rank userId points level } } }
        """;

    public static string User(string prefix) => SocialScenario.User(prefix);

    public async Task<JsonElement> Level(string user, string community) =>
        (await app.Caller(user).Data(MyLevel, new { c = community })).GetProperty("myLevel");

    public async Task<JsonElement> Leaderboard(string user, string community, string window, int? first = null) =>
        (await app.Caller(user).Data(Board, new { c = community, w = window, f = first })).GetProperty("leaderboard");

    public static List<(string User, long Points)> Ranked(JsonElement board) =>
        board.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("userId").GetString()!, e.GetProperty("points").GetInt64())).ToList();

    public async Task<string> Community(string creator, params string[] members)
    {
        var community = (await app.Caller(creator).Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Regulars", slug = $"eng-{Guid.NewGuid():N}"[..20] } })).GetProperty("createCommunity").GetProperty("id").GetString()!;
        foreach (var member in members)
            await app.Caller(member).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        return community;
    }

    public async Task<string> Post(string author, string community, string title = "Look at this") =>
        (await app.Caller(author).Data("mutation($c: ID!, $t: String!) { createPost(input: { communityId: $c, title: $t, body: \"Body\" }) { id } }",
            new { c = community, t = title })).GetProperty("createPost").GetProperty("id").GetString()!;

    public Task<JsonElement> React(string user, string target, bool react = true) =>
        app.Caller(user).Data($"mutation($t: ID!) {{ {(react ? "react" : "unreact")}(targetId: $t, kind: LIKE) {{ id }} }}", new { t = target });

    /// <summary>A published LEVEL course of one lesson.</summary>
    public async Task<(string Course, string Lesson)> LevelCourse(string creator, string community, int unlockLevel)
    {
        var client = app.Caller(creator);
        var course = (await client.Data("mutation($c: ID!, $l: Int) { createCourse(communityId: $c, input: { title: \"Inner workshop\", access: LEVEL, unlockLevel: $l }) { id } }",
            new { c = community, l = unlockLevel })).GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"All\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Secrets\", body: \"For regulars\" }) { id } }", new { m = module });
        var lesson = (await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { modules { lessons { id } } } }", new { c = course }))
            .GetProperty("publishCourse").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("id").GetString()!;
        return (course, lesson);
    }

    public Task<GraphQLResponse> Enrol(string user, string course) =>
        app.Caller(user).Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });

    /// <summary>Level checks run from a queue after the points commit: poll, with a deadline.</summary>
    public Task<JsonElement> Eventually(Func<Task<JsonElement>> read, Func<JsonElement, bool> done) => Shops.Eventually(read, done);
}
