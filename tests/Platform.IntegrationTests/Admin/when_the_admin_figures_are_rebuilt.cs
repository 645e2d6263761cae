using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Support;
using Platform.Projections.Admin;

namespace Platform.IntegrationTests.Admin;

/// <summary>
/// platformStats counts active users from each user's last activity, an async projection over every event, and what was created, paid
/// and refunded from the platform figures, another: replayed from the events they give the same documents. (Alone in their class: a
/// rebuild restarts the projection under the other tests' feet.)
/// </summary>
public sealed class when_the_admin_figures_are_rebuilt(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task they_equal_the_live_ones()
    {
        var names = new[] { Given.Unique("creator"), Given.Unique("early"), Given.Unique("late") };
        var community = await Given.Community(app.Client(names[0]), "Active");
        foreach (var name in names[1..]) await app.Client(name).Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        await app.Client(names[1]).Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { status } }", new { c = community });
        await app.WaitForProjections();
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        var ids = names.Select(PlatformApp.UserId).ToArray();
        async Task<string[]> Documents()
        {
            await using var session = store.QuerySession();
            var json = store.Options.Serializer();
            return [.. (await session.Query<UserActivity>().Where(a => a.Id.IsOneOf(ids)).ToListAsync()).OrderBy(a => a.Id).Select(json.ToJson)];
        }
        var live = await Documents();
        Assert.Equal(3, live.Length);

        await app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase()
            .RebuildProjectionAsync<UserActivityProjection>(CancellationToken.None);

        Assert.Equal(live, await Documents());
    }

    [Fact]
    public async Task the_platform_figures_equal_the_live_ones_and_all_time_is_the_sum_of_the_hours()
    {
        var creator = Given.Unique("creator");
        var community = await Given.Community(app.Client(creator), "Counted");
        await app.Client(creator).Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Counted\" }) { id } }", new { c = community });
        await app.WaitForProjections();
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<string[]> Documents()
        {
            await using var session = store.QuerySession();
            var json = store.Options.Serializer();
            return [.. (await session.Query<PlatformFigures>().ToListAsync()).OrderBy(f => f.Id).Select(json.ToJson)];
        }
        var live = await Documents();
        await using (var session = store.QuerySession())
        {
            var figures = await session.Query<PlatformFigures>().ToListAsync();
            var all = Assert.Single(figures, f => f.Id == PlatformFiguresProjection.AllTime);
            Assert.True(all.Users >= 1 && all.Communities >= 1 && all.Courses >= 1);
            Assert.Equal(store.Options.Serializer().ToJson(PlatformFigures.Sum(all.Id, figures.Where(f => f.Hour is not null))), store.Options.Serializer().ToJson(all));
        }

        await app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase()
            .RebuildProjectionAsync<PlatformFiguresProjection>(CancellationToken.None);

        Assert.Equal(live, await Documents());
    }
}
