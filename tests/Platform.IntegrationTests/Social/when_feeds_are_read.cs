using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Social;

/// <summary>The five feeds (USER, COMMUNITY, TIMELINE, COURSE, NOTIFICATION) with the embedded provider, their paging and rebuild.</summary>
public sealed class when_feeds_are_read(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly SocialScenario social = new(app);

    private static string User(string prefix) => SocialScenario.User(prefix);

    private const string MarkRead = "mutation($upTo: DateTimeOffset) { markNotificationsRead(upTo: $upTo) { readUpTo unreadCount } }";

    private async Task<int> Unread(string user) =>
        (await app.Client(user).Data(MarkRead, new { upTo = DateTimeOffset.UnixEpoch })).GetProperty("markNotificationsRead").GetProperty("unreadCount").GetInt32();

    /// <summary>A writer who joined two communities of a creator, and a reader who is in neither.</summary>
    private async Task<(string Creator, string Writer, string Reader, string Followed, string Other)> AWriterInTwoCommunities()
    {
        var (creator, writer, reader) = (User("creator"), User("writer"), User("reader"));
        var (followed, other) = (await social.Community(creator), await social.Community(creator));
        await social.Join(writer, followed);
        await social.Join(writer, other);
        return (creator, writer, reader, followed, other);
    }

    [Fact]
    public async Task user_community_and_timeline_feeds_hold_what_was_posted_and_followed_newest_first()
    {
        var (creator, writer, reader, followed, other) = await AWriterInTwoCommunities();
        await social.Post(writer, other, "Writer in other");
        await social.Post(creator, followed, "Creator in followed");
        await social.Post(creator, other, "Creator in other");
        await social.Post(writer, followed, "Writer in followed");

        Assert.Equal(["Writer in followed", "Writer in other"], (await social.Feed(reader, "USER", PlatformApp.UserId(writer))).Select(i => i.Title));
        Assert.Equal(["Writer in followed", "Creator in followed"], (await social.Feed(reader, "COMMUNITY", followed)).Select(i => i.Title));

        Assert.Equal("USER", (await social.Follow(reader, PlatformApp.UserId(writer).ToString())).GetProperty("follow").GetProperty("targetKind").GetString());
        Assert.Equal("COMMUNITY", (await social.Follow(reader, followed)).GetProperty("follow").GetProperty("targetKind").GetString());
        var timeline = await social.Feed(reader, "TIMELINE", PlatformApp.UserId(reader));
        // The writer's post in the followed community comes through both follows, and shows once.
        Assert.Equal(["Writer in followed", "Creator in followed", "Writer in other"], timeline.Select(i => i.Title));

        await social.Follow(reader, followed, follow: false);
        Assert.Equal(["Writer in followed", "Writer in other"], (await social.Feed(reader, "TIMELINE", PlatformApp.UserId(reader))).Select(i => i.Title));
        Assert.Equal("CONFLICT", (await app.Client(reader).Send("mutation($t: ID!) { unfollow(targetId: $t) { id } }", new { t = followed })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await app.Client(reader).Send("mutation($t: ID!) { follow(targetId: $t) { id } }",
            new { t = PlatformApp.UserId(reader) })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await app.Client(reader).Send("mutation($t: ID!) { follow(targetId: $t) { id } }", new { t = Guid.NewGuid() })).FirstErrorCode);
    }

    [Fact]
    public async Task joining_makes_the_timeline_follow_the_community_until_the_member_leaves_or_unfollows_it()
    {
        var (creator, member) = (User("creator"), User("member"));
        var (kept, left) = (await social.Community(creator), await social.Community(creator));
        await social.Join(member, kept);
        await social.Join(member, left);
        await social.Post(creator, left, "In the one left");
        await social.Post(creator, kept, "In the one kept");
        async Task<IEnumerable<string?>> Timeline() => (await social.Feed(member, "TIMELINE", PlatformApp.UserId(member))).Select(i => i.Title);

        Assert.Equal(["In the one kept", "In the one left"], await Timeline());

        await app.Client(member).Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { id } }", new { c = left });
        Assert.Equal(["In the one kept"], await Timeline());

        // Unfollowing works on a joined community too, and following it again brings it back.
        Assert.False((await social.Follow(member, kept, follow: false)).GetProperty("unfollow").GetProperty("active").GetBoolean());
        Assert.Empty(await Timeline());
        Assert.Equal("CONFLICT", (await app.Client(member).Send("mutation($t: ID!) { unfollow(targetId: $t) { id } }", new { t = kept })).FirstErrorCode);
        await social.Follow(member, kept);
        Assert.Equal(["In the one kept"], await Timeline());

        // An explicit follow outlives the membership; a join after an unfollow follows again.
        await app.Client(member).Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { id } }", new { c = kept });
        Assert.Equal(["In the one kept"], await Timeline());
        await social.Follow(member, left);
        await social.Follow(member, left, follow: false);
        await social.Join(member, left);
        Assert.Equal(["In the one kept", "In the one left"], await Timeline());
    }

    [Fact]
    public async Task a_post_reached_through_its_author_and_its_community_shows_once_on_every_page()
    {
        var (creator, writer, reader, followed, other) = await AWriterInTwoCommunities();
        foreach (var (author, community, title) in new[]
                 {
                     (writer, followed, "1"), (creator, followed, "2"), (writer, other, "3"), (writer, followed, "4"), (writer, followed, "5"),
                     (creator, followed, "6"), (writer, other, "7"),
                 })
            await social.Post(author, community, title);
        await social.Follow(reader, PlatformApp.UserId(writer).ToString());
        await social.Follow(reader, followed);

        Assert.Equal(["7", "6", "5", "4", "3", "2", "1"], (await social.Feed(reader, "TIMELINE", PlatformApp.UserId(reader))).Select(i => i.Title));
        var (titles, after, pages) = (new List<string>(), (string?)null, 0);
        do
        {
            var page = (await social.TryFeed(reader, "TIMELINE", PlatformApp.UserId(reader), 2, after)).Body.GetProperty("data").GetProperty("feed");
            titles.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("post").GetProperty("title").GetString()!));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        } while (after is not null && ++pages < 10);
        Assert.Equal(["7", "6", "5", "4", "3", "2", "1"], titles);
    }

    [Fact]
    public async Task a_page_cursor_stays_put_while_new_posts_arrive()
    {
        var creator = User("creator");
        var community = await social.Community(creator);
        foreach (var n in Enumerable.Range(1, 5)) await social.Post(creator, community, $"Post {n}");
        await app.WaitForProjections();

        var first = (await social.TryFeed(creator, "COMMUNITY", community, 2)).Body.GetProperty("data").GetProperty("feed");
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        await social.Post(creator, community, "Post 6");
        await app.WaitForProjections();
        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = (await social.TryFeed(creator, "COMMUNITY", community, 2, cursor)).Body.GetProperty("data").GetProperty("feed");
        var third = (await social.TryFeed(creator, "COMMUNITY", community, 2, second.GetProperty("pageInfo").GetProperty("endCursor").GetString()))
            .Body.GetProperty("data").GetProperty("feed");

        static IEnumerable<string> Titles(System.Text.Json.JsonElement page) =>
            page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("post").GetProperty("title").GetString()!);
        Assert.Equal(["Post 5", "Post 4", "Post 3", "Post 2", "Post 1"], Titles(first).Concat(Titles(second)).Concat(Titles(third)));
        Assert.False(third.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal("VALIDATION", (await social.TryFeed(creator, "COMMUNITY", community, 2, "not-a-cursor")).FirstErrorCode);
    }

    [Fact]
    public async Task the_course_and_notification_feeds_carry_discussion_lessons_replies_reactions_and_mentions()
    {
        var (creator, learner, fan) = (User("creator"), User("learner"), User("fan"));
        var community = await social.Community(creator);
        await social.Join(learner, community);
        await social.Join(fan, community);
        var course = (await app.Client(creator).Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Luthiery\" }) { id } }",
            new { c = community })).GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await app.Client(creator).Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Wood\" }) { draft { id } } }",
            new { c = course })).GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        const string AddLesson = "mutation($m: ID!, $t: String!) { addLesson(moduleId: $m, input: { title: $t }) { id } }";
        const string Publish = "mutation($c: ID!) { publishCourse(courseId: $c) { id } }";
        await app.Client(creator).Data(AddLesson, new { m = module, t = "Spruce" });
        await app.Client(creator).Data(Publish, new { c = course });
        await app.Client(learner).Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        await app.Client(creator).Data(AddLesson, new { m = module, t = "Cedar" });
        await app.Client(creator).Data(Publish, new { c = course });

        var question = (await social.Post(learner, community, "Which glue?", "Hide glue or titebond?", course)).GetProperty("id").GetString()!;
        var answer = await social.Comment(fan, question, "Hide glue.");
        await social.Comment(learner, question, "Why?", answer.GetProperty("id").GetString());
        await social.Comment(creator, question, "Either works.");
        await social.React(fan, question);
        await social.Post(creator, community, "Shout-out", $"Thanks @{await social.Handle(learner)} for the question!");

        var courseFeed = await social.Feed(learner, "COURSE", course);
        Assert.Equal(["post", "lesson", "lesson"], courseFeed.Select(i => i.Verb));
        Assert.Equal("Which glue?", courseFeed[0].Title);

        var mine = await social.Feed(learner, "NOTIFICATION", PlatformApp.UserId(learner));
        Assert.Equal(["mention", "react", "comment", "comment", "lesson"], mine.Select(i => i.Verb));
        var fans = await social.Feed(fan, "NOTIFICATION", PlatformApp.UserId(fan));
        Assert.Equal(["reply"], fans.Select(i => i.Verb));
        Assert.Equal("FORBIDDEN", (await social.TryFeed(fan, "NOTIFICATION", PlatformApp.UserId(learner))).FirstErrorCode);

        Assert.Equal(5, await Unread(learner));
        var read = (await app.Client(learner).Data(MarkRead, new { upTo = (DateTimeOffset?)null })).GetProperty("markNotificationsRead");
        Assert.Equal(0, read.GetProperty("unreadCount").GetInt32());
        await social.React(creator, question);
        await app.WaitForProjections();
        Assert.Equal(1, await Unread(learner));
    }

    [Fact]
    public async Task a_creator_is_notified_of_a_purchase_of_their_product()
    {
        var shops = new Commerce.Shops(app);
        var shop = await shops.Open();
        var buyer = Commerce.Shops.NewUser("buyer");
        var paid = await Commerce.Shops.Bought(await shops.Member(shop, buyer), shop);

        var notifications = await social.Feed(shop.Creator, "NOTIFICATION", PlatformApp.UserId(shop.Creator));
        var sale = Assert.Single(notifications);
        Assert.Equal(($"purchase:{paid.GetProperty("id").GetString()}", "purchase"), (sale.Id, sale.Verb));
        Assert.Empty(await social.Feed(buyer, "NOTIFICATION", PlatformApp.UserId(buyer)));
    }
}
