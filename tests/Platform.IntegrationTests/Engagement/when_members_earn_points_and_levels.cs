using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Engagement;

/// <summary>Points from likes, levels, LEVEL course unlocks, and the boards, all through GraphQL (LEAD).</summary>
public sealed class when_members_earn_points_and_levels(EngagementApp app) : IClassFixture<EngagementApp>
{
    private readonly EngagementScenario engagement = new(app);

    private static string User(string prefix) => EngagementScenario.User(prefix);

    private const string Notifications = "query($o: ID!) { feed(type: NOTIFICATION, ownerId: $o, first: 50) { nodes { verb objectId } } }";

    [Fact]
    public async Task likes_raise_the_author_to_a_level_that_opens_a_level_course_at_once_and_it_stays_open_when_points_drop()
    {
        var (creator, author) = (User("creator"), User("author"));
        var likers = Enumerable.Range(0, 5).Select(i => User($"liker{i}")).ToArray();
        var community = await engagement.Community(creator, [author, .. likers]);
        var (course, _) = await engagement.LevelCourse(creator, community, unlockLevel: 2);
        Assert.Equal("FORBIDDEN", (await engagement.Enrol(author, course)).FirstErrorCode);

        var post = await engagement.Post(author, community);
        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);
        await socket.Initialise(PlatformApp.Token(author));
        await socket.Send(new { id = "live", type = "subscribe", payload = new { query = "subscription { notificationAdded { verb objectId } }" } });
        await engagement.React(author, post); // one's own like earns nothing
        foreach (var liker in likers.Take(4)) await engagement.React(liker, post);
        var four = await engagement.Level(author, community);
        Assert.Equal((4, 1, 1L), (four.GetProperty("points").GetInt32(), four.GetProperty("level").GetInt32(), four.GetProperty("pointsToNextLevel").GetInt64()));
        Assert.Equal("FORBIDDEN", (await engagement.Enrol(author, course)).FirstErrorCode);

        await engagement.React(likers[4], post);
        var five = await engagement.Level(author, community);
        Assert.Equal((5, 2), (five.GetProperty("points").GetInt32(), five.GetProperty("level").GetInt32()));
        var line = five.GetProperty("recent")[0];
        Assert.Equal(("LIKE_RECEIVED", 1, post), (line.GetProperty("reason").GetString(), line.GetProperty("points").GetInt32(), line.GetProperty("postId").GetString()));
        Assert.Equal(likers[4][..6], line.GetProperty("from").GetProperty("handle").GetString()![..6]);

        var unlocked = await engagement.Eventually(() => engagement.Level(author, community),
            level => level.GetProperty("unlockedCourseIds").EnumerateArray().Any(c => c.GetString() == course));
        Assert.Equal(2, unlocked.GetProperty("highestLevel").GetInt32());
        const string Lessons = "query($c: ID!) { course(id: $c) { modules { lessons { locked body } } } }";
        var opened = (await app.Caller(author).Data(Lessons, new { c = course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0];
        Assert.Equal((false, "For regulars"), (opened.GetProperty("locked").GetBoolean(), opened.GetProperty("body").GetString()));
        await app.WaitForProjections();
        var notices = (await app.Caller(author).Data(Notifications, new { o = PlatformApp.UserId(author) })).GetProperty("feed").GetProperty("nodes")
            .EnumerateArray().Select(n => (n.GetProperty("verb").GetString(), n.GetProperty("objectId").GetString())).ToList();
        Assert.Contains(("unlock", course), notices);
        Assert.Contains(("level", community), notices);
        // Live too: the likes' notifications come first, then the unlock.
        var heard = new List<string?>();
        while (!heard.Contains("unlock") && heard.Count < 20)
            heard.Add((await socket.Receive(TimeSpan.FromSeconds(30))).GetProperty("payload").GetProperty("data").GetProperty("notificationAdded").GetProperty("verb").GetString());
        Assert.Contains("unlock", heard);
        var shown = (await app.Caller(likers[0]).Data("query($p: ID!, $c: ID!) { post(id: $p) { authorLevel { level name } } members(communityId: $c) { nodes { userId level { level } } } }",
            new { p = post, c = community }));
        Assert.Equal((2, "Level 2"), (shown.GetProperty("post").GetProperty("authorLevel").GetProperty("level").GetInt32(),
            shown.GetProperty("post").GetProperty("authorLevel").GetProperty("name").GetString()));
        Assert.Equal(2, shown.GetProperty("members").GetProperty("nodes").EnumerateArray()
            .Single(m => m.GetProperty("userId").GetString() == PlatformApp.UserId(author).ToString()).GetProperty("level").GetProperty("level").GetInt32());

        // A like taken back later than a minute: the line stays, withdrawn, and the author drops below level 2 — the course stays open.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await engagement.React(likers[0], post, react: false);
        var dropped = await engagement.Level(author, community);
        Assert.Equal((4, 1, 2), (dropped.GetProperty("points").GetInt32(), dropped.GetProperty("level").GetInt32(), dropped.GetProperty("highestLevel").GetInt32()));
        Assert.Single(dropped.GetProperty("recent").EnumerateArray(), l => l.GetProperty("withdrawnReason").GetString() == "The like was withdrawn.");
        Assert.Null((await engagement.Enrol(author, course)).Errors);

        await app.Caller(author).Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = post });
        var deleted = await engagement.Level(author, community);
        Assert.Equal(0, deleted.GetProperty("points").GetInt32());
        Assert.All(deleted.GetProperty("recent").EnumerateArray(), l => Assert.Equal(JsonValueKind.String, l.GetProperty("withdrawnAt").ValueKind));
    }

    [Fact]
    public async Task staff_are_not_ranked_ties_go_to_who_got_there_first_and_the_caller_sees_their_own_place()
    {
        var (creator, first, second, third) = (User("creator"), User("first"), User("second"), User("third"));
        var (admin, finance, moderator) = (User("admin"), User("finance"), User("moderator"));
        await app.Caller(admin, "admin").Data("{ me { id } }");
        await app.Caller(finance, "finance").Data("{ me { id } }");
        var community = await engagement.Community(creator, first, second, third, admin, finance, moderator);
        await app.Caller(admin).Data("mutation($u: ID!, $c: ID) { grantRole(userId: $u, role: MODERATOR, communityId: $c, reason: \"Helps out\") { id } }",
            new { u = PlatformApp.UserId(moderator), c = community });
        var (creatorPost, firstPost, secondPost) = (await engagement.Post(creator, community), await engagement.Post(first, community), await engagement.Post(second, community));
        await engagement.React(first, creatorPost);
        await engagement.React(second, creatorPost);
        foreach (var staff in new[] { admin, finance, moderator }) await engagement.React(third, await engagement.Post(staff, community));
        await engagement.React(third, firstPost);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await engagement.React(third, secondPost);
        await app.WaitForProjections();

        var board = await engagement.Leaderboard(third, community, "ALL_TIME");
        Assert.Equal([(PlatformApp.UserId(first).ToString(), 1L), (PlatformApp.UserId(second).ToString(), 1L)], EngagementScenario.Ranked(board));
        Assert.Equal(3, board.GetProperty("me").GetProperty("rank").GetInt32());
        var top = await engagement.Leaderboard(second, community, "ALL_TIME", first: 1);
        Assert.Single(top.GetProperty("entries").EnumerateArray());
        Assert.Equal((2, 1L), (top.GetProperty("me").GetProperty("rank").GetInt32(), top.GetProperty("me").GetProperty("points").GetInt64()));
        var asCreator = await engagement.Leaderboard(creator, community, "ALL_TIME");
        Assert.Equal(JsonValueKind.Null, asCreator.GetProperty("me").GetProperty("rank").ValueKind);
        Assert.Equal(2, asCreator.GetProperty("me").GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task the_7_and_30_day_boards_move_as_the_likes_age()
    {
        var (creator, author, liker, other) = (User("creator"), User("author"), User("liker"), User("other"));
        var community = await engagement.Community(creator, author, liker, other);
        var (old, recent) = (await engagement.Post(author, community, "Old"), await engagement.Post(author, community, "Recent"));
        await engagement.React(liker, old);
        app.Clock.Advance(TimeSpan.FromDays(8));
        await engagement.React(liker, recent);
        await engagement.React(other, recent);
        await app.WaitForProjections();

        long PointsOf(JsonElement board) => EngagementScenario.Ranked(board).SingleOrDefault(r => r.User == PlatformApp.UserId(author).ToString()).Points;
        Assert.Equal(2, PointsOf(await engagement.Leaderboard(liker, community, "DAYS_7")));
        Assert.Equal(3, PointsOf(await engagement.Leaderboard(liker, community, "DAYS_30")));
        Assert.Equal(3, PointsOf(await engagement.Leaderboard(liker, community, "ALL_TIME")));

        app.Clock.Advance(TimeSpan.FromDays(23)); // the first like is 31 days old, the others 23
        Assert.Empty(EngagementScenario.Ranked(await engagement.Leaderboard(liker, community, "DAYS_7")));
        Assert.Equal(2, PointsOf(await engagement.Leaderboard(liker, community, "DAYS_30")));
        Assert.Equal(3, PointsOf(await engagement.Leaderboard(liker, community, "ALL_TIME")));
    }

    [Fact]
    public async Task a_like_withdrawn_within_the_minute_leaves_nothing_and_banned_or_revoked_likers_give_nothing()
    {
        var (creator, author, flicker, farmer, spammer) = (User("creator"), User("author"), User("flicker"), User("farmer"), User("spammer"));
        var community = await engagement.Community(creator, author, flicker, farmer, spammer);
        var post = await engagement.Post(author, community);
        const string Granted = "query($c: ID!, $l: ID!) { pointsGrantedBy(communityId: $c, likerId: $l) { points withdrawnReason } }";

        await engagement.React(flicker, post);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await engagement.React(flicker, post, react: false);
        Assert.Empty((await app.Caller(creator).Data(Granted, new { c = community, l = PlatformApp.UserId(flicker) })).GetProperty("pointsGrantedBy").EnumerateArray());

        await engagement.React(farmer, post);
        await engagement.React(spammer, post);
        Assert.Equal(2, (await engagement.Level(author, community)).GetProperty("points").GetInt32());
        const string Revoke = "mutation($c: ID!, $l: ID!) { revokePointsFrom(communityId: $c, likerId: $l, reason: \"Like ring\") { points withdrawnReason } }";
        Assert.Equal("VALIDATION", (await app.Caller(creator).Send(Revoke.Replace("Like ring", " "), new { c = community, l = PlatformApp.UserId(farmer) })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Caller(author).Send(Revoke, new { c = community, l = PlatformApp.UserId(farmer) })).FirstErrorCode);
        var revoked = (await app.Caller(creator).Data(Revoke, new { c = community, l = PlatformApp.UserId(farmer) })).GetProperty("revokePointsFrom");
        Assert.Equal("Like ring", Assert.Single(revoked.EnumerateArray()).GetProperty("withdrawnReason").GetString());
        await app.Caller(creator).Data("mutation($c: ID!, $u: ID!) { banMember(communityId: $c, userId: $u, reason: \"Spam\") { id } }",
            new { c = community, u = PlatformApp.UserId(spammer) });
        Assert.Equal(0, (await engagement.Level(author, community)).GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task a_lesson_completion_recorded_before_events_named_the_community_scores_and_levels_like_a_new_one()
    {
        var (creator, learner, earlier) = (User("creator"), User("learner"), User("earlier"));
        var community = await engagement.Community(creator, learner, earlier);
        await app.Caller(creator).Data("mutation($c: ID!) { setPointRules(communityId: $c, input: { perLessonCompleted: 5 }) { versions { effectiveFrom } } }",
            new { c = community });
        var (course, lesson) = await engagement.LevelCourse(creator, community, unlockLevel: 1);
        foreach (var user in new[] { learner, earlier }) Assert.Null((await engagement.Enrol(user, course)).Errors);

        await app.Caller(learner).Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lesson });
        // The shape events had before: the course only, its community left for scoring to look up.
        var (courseId, earlierId) = (Guid.Parse(course), PlatformApp.UserId(earlier));
        await using (var session = app.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            var enrolment = DeterministicId.Enrolment(courseId, earlierId);
            session.Events.Append(enrolment, new LessonCompleted(enrolment, courseId, earlierId, Guid.Parse(lesson), app.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }

        foreach (var user in new[] { learner, earlier })
        {
            var level = await engagement.Eventually(() => engagement.Level(user, community), l => l.GetProperty("highestLevel").GetInt32() == 2);
            Assert.Equal((5, "LESSON_COMPLETED"), (level.GetProperty("points").GetInt32(), level.GetProperty("recent")[0].GetProperty("reason").GetString()));
        }
    }
}
