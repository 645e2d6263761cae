using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Support;
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
}
