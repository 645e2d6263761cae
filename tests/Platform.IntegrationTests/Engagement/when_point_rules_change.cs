using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Engagement;
using Platform.IntegrationTests.Support;
using Platform.Projections.Engagement;

namespace Platform.IntegrationTests.Engagement;

/// <summary>A database of its own: the rebuild takes the points projection over while it runs.</summary>
public sealed class when_point_rules_change(EngagementApp app) : IClassFixture<EngagementApp>
{
    private readonly EngagementScenario engagement = new(app);

    private static string User(string prefix) => EngagementScenario.User(prefix);

    private const string Preview = """
        query($c: ID!, $i: PointRulesInput!) { previewPointRules(communityId: $c, input: $i) {
          current { perLikeReceived } proposed { perLikeReceived perLessonCompleted levelThresholds }
          members { userId pointsBefore pointsAfter levelBefore levelAfter rankBefore rankAfter } } }
        """;

    private const string Apply = "mutation($c: ID!, $i: PointRulesInput!) { setPointRules(communityId: $c, input: $i) { versions { rules { perLikeReceived } effectiveFrom } } }";

    [Fact]
    public async Task the_preview_changes_nothing_and_matches_the_rescored_ledger_which_equals_a_rebuild()
    {
        var (creator, learner, poster, liker) = (User("creator"), User("learner"), User("poster"), User("liker"));
        var community = await engagement.Community(creator, learner, poster, liker);
        var (course, lesson) = await engagement.LevelCourse(creator, community, unlockLevel: 1);
        Assert.Null((await engagement.Enrol(learner, course)).Errors); // level 1 is everyone's
        await app.Caller(learner).Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lesson });
        var post = await engagement.Post(poster, community);
        await engagement.React(liker, post);
        await engagement.React(learner, post);
        await engagement.React(poster, await engagement.Post(learner, community));
        await app.WaitForProjections();
        var before = await engagement.Leaderboard(liker, community, "ALL_TIME");
        Assert.Equal([(PlatformApp.UserId(poster).ToString(), 2L), (PlatformApp.UserId(learner).ToString(), 1L)], EngagementScenario.Ranked(before));

        var rules = new { perLikeReceived = 1, perLessonCompleted = 10, levelThresholds = new[] { 0, 3, 20, 65, 155, 515, 2015, 8015, 33015 } };
        var preview = (await app.Caller(creator).Data(Preview, new { c = community, i = rules })).GetProperty("previewPointRules");
        var learnerAfter = preview.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("userId").GetString() == PlatformApp.UserId(learner).ToString());
        Assert.Equal((1, 11, 1, 2, 2, 1), (learnerAfter.GetProperty("pointsBefore").GetInt32(), learnerAfter.GetProperty("pointsAfter").GetInt32(),
            learnerAfter.GetProperty("levelBefore").GetInt32(), learnerAfter.GetProperty("levelAfter").GetInt32(),
            learnerAfter.GetProperty("rankBefore").GetInt32(), learnerAfter.GetProperty("rankAfter").GetInt32()));
        Assert.Equal(EngagementScenario.Ranked(before), EngagementScenario.Ranked(await engagement.Leaderboard(liker, community, "ALL_TIME")));
        Assert.Equal("VALIDATION", (await app.Caller(creator).Send(Preview, new { c = community, i = new { levelThresholds = new[] { 5, 1 } } })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Caller(poster).Send(Apply, new { c = community, i = rules })).FirstErrorCode);

        await app.Caller(creator).Data(Apply, new { c = community, i = rules });
        var after = await engagement.Leaderboard(liker, community, "ALL_TIME");
        var previewed = preview.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("rankAfter").ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(m => (m.GetProperty("userId").GetString()!, m.GetProperty("pointsAfter").GetInt64())).ToList();
        Assert.Equal(previewed, EngagementScenario.Ranked(after));
        Assert.Equal(2, (await engagement.Level(learner, community)).GetProperty("level").GetInt32());

        async Task<string> Ledger()
        {
            await using var reads = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return System.Text.Json.JsonSerializer.Serialize((await reads.Query<PointEntry>().ToListAsync()).OrderBy(e => e.Id));
        }
        var live = await Ledger();
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<PointLedgerProjection>(CancellationToken.None);
        Assert.Equal(live, await Ledger());
    }

    [Fact]
    public async Task a_ledger_rebuilt_while_the_rules_read_model_is_still_empty_scores_by_the_rules_in_force()
    {
        var (creator, poster, liker) = (User("creator"), User("poster"), User("liker"));
        var community = await engagement.Community(creator, poster, liker);
        await app.Caller(creator).Data(Apply, new { c = community, i = new { perLikeReceived = 3 } });
        await engagement.React(liker, await engagement.Post(poster, community));
        await app.WaitForProjections();
        var communityId = Guid.Parse(community);
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<List<(Guid, int)>> Lines()
        {
            await using var reads = store.QuerySession();
            return (await reads.Query<PointEntry>().Where(e => e.CommunityId == communityId).ToListAsync()).Select(e => (e.UserId, e.Points)).ToList();
        }
        Assert.Equal([(PlatformApp.UserId(poster), 3)], await Lines());

        // `projections rebuild` rebuilds every projection at once: the rules' read model starts empty beside the ledger.
        await using (var session = store.LightweightSession())
        {
            session.Delete<PointRulesView>(EngagementIds.Rules(communityId));
            await session.SaveChangesAsync();
        }
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<PointLedgerProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<PointRulesViewProjection>(CancellationToken.None);

        Assert.Equal([(PlatformApp.UserId(poster), 3)], await Lines());
    }
}
