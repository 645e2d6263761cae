using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Support;
using Platform.Projections.Courses;
using Platform.Projections.Social;

namespace Platform.IntegrationTests.Social;

/// <summary>A database of its own: a rebuild takes the feed projection over while it runs.</summary>
public sealed class when_the_embedded_feeds_are_rebuilt(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly SocialScenario social = new(app);

    private static string User(string prefix) => SocialScenario.User(prefix);

    [Fact]
    public async Task rebuilding_the_embedded_feeds_from_the_events_gives_identical_feeds()
    {
        var (creator, member) = (User("creator"), User("member"));
        var community = await social.Community(creator);
        await social.Join(member, community);
        var post = (await social.Post(member, community, "Rebuild me")).GetProperty("id").GetString()!;
        await social.Comment(creator, post, "Noted");
        await social.React(creator, post);
        await social.Follow(member, community);
        var gone = (await social.Post(member, community, "Deleted")).GetProperty("id").GetString()!;
        await app.Client(member).Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = gone });
        await app.WaitForProjections();

        async Task<(List<FeedEntry> Entries, List<FeedFollow> Follows)> Snapshot()
        {
            await using var reads = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return ((await reads.Query<FeedEntry>().ToListAsync()).OrderBy(e => e.Id).ToList(), (await reads.Query<FeedFollow>().ToListAsync()).OrderBy(f => f.Id).ToList());
        }
        var before = await Snapshot();
        Assert.NotEmpty(before.Entries);

        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<FeedProjection>(CancellationToken.None);
        await app.WaitForProjections();
        var after = await Snapshot();

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before), System.Text.Json.JsonSerializer.Serialize(after));
    }

    [Fact]
    public async Task lesson_announcements_rebuilt_while_the_enrolments_read_model_is_still_empty_notify_the_same_learners()
    {
        var (creator, early, late) = (User("creator"), User("early"), User("late"));
        var community = await social.Community(creator);
        await social.Join(early, community);
        await social.Join(late, community);
        var course = (await app.Client(creator).Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Luthiery\" }) { id } }",
            new { c = community })).GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await app.Client(creator).Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Wood\" }) { draft { id } } }",
            new { c = course })).GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        const string AddLesson = "mutation($m: ID!, $t: String!) { addLesson(moduleId: $m, input: { title: $t }) { id } }";
        const string Publish = "mutation($c: ID!) { publishCourse(courseId: $c) { id } }";
        const string Enrol = "mutation($c: ID!) { enrolFree(courseId: $c) { id } }";
        await app.Client(creator).Data(AddLesson, new { m = module, t = "Spruce" });
        await app.Client(creator).Data(Publish, new { c = course });
        await app.Client(early).Data(Enrol, new { c = course });
        await app.Client(creator).Data(AddLesson, new { m = module, t = "Cedar" });
        await app.Client(creator).Data(Publish, new { c = course });
        await app.Client(late).Data(Enrol, new { c = course }); // after the announcement: not told of it
        await app.WaitForProjections();

        async Task<List<(string, string)>> Lessons(string user) =>
            (await social.Feed(user, "NOTIFICATION", PlatformApp.UserId(user))).Select(i => (i.Id, i.Verb)).Where(i => i.Verb == "lesson").ToList();
        var announced = Assert.Single(await Lessons(early));
        Assert.Empty(await Lessons(late));

        // `projections rebuild` rebuilds every projection at once: the enrolments' read model starts empty beside the feeds.
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        var courseId = Guid.Parse(course);
        await using (var session = store.LightweightSession())
        {
            session.DeleteWhere<EnrolmentView>(e => e.CourseId == courseId);
            await session.SaveChangesAsync();
        }
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<FeedProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<EnrolmentViewProjection>(CancellationToken.None);

        Assert.Equal([announced], await Lessons(early));
        Assert.Empty(await Lessons(late));
    }
}
