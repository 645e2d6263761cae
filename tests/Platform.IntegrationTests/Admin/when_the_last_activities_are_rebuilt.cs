using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Support;
using Platform.Projections.Admin;

namespace Platform.IntegrationTests.Admin;

/// <summary>
/// platformStats counts active users from each user's last activity, an async projection over every event: replayed from the
/// events it gives the same documents. (Alone in its class: the rebuild restarts the projection under the other tests' feet.)
/// </summary>
public sealed class when_the_last_activities_are_rebuilt(PlatformApp app) : IClassFixture<PlatformApp>
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
}
