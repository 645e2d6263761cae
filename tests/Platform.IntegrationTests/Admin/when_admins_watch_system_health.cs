using System.Collections.Concurrent;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.IntegrationTests.Social;
using Platform.IntegrationTests.Support;
using Wolverine;

namespace Platform.IntegrationTests.Admin;

/// <summary>A message the test plants: its handler fails until the test fixes it, as a handler with a bug does until the fix is deployed.</summary>
public sealed record PlantedFailure(Guid Id);

public static class PlantedFailureHandler
{
    public static readonly ConcurrentDictionary<Guid, bool> Fixed = new();
    public static readonly ConcurrentDictionary<Guid, bool> Handled = new();

    public static void Handle(PlantedFailure message)
    {
        if (!Fixed.ContainsKey(message.Id)) throw new InvalidOperationException($"Planted failure {message.Id}");
        Handled[message.Id] = true;
    }
}

/// <summary>The app with the planted handler; its own database, as the test stops a projection shard.</summary>
public sealed class SystemHealthApp : PlatformApp
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureWolverine(options => options.Discovery.IncludeType(typeof(PlantedFailureHandler)));
}

public sealed class when_admins_watch_system_health(SystemHealthApp app) : IClassFixture<SystemHealthApp>
{
    private const string Health = """
        { systemHealth { highWaterMark headSequence projections { name position lag lastUpdated node stuck }
          queues { incoming scheduled outgoing deadLetters } deadLetters { id messageType exceptionType exceptionMessage receivedAt replayable }
          lastReconciliation { from matched mismatches } } }
        """;

    private readonly string admin = SocialScenario.User("admin");

    private GraphQLClient Admin() => app.Client(admin, "admin");

    private async Task<JsonElement> Read() => (await Admin().Data(Health)).GetProperty("systemHealth");

    private static IEnumerable<JsonElement> LettersFor(JsonElement health, Guid planted) =>
        health.GetProperty("deadLetters").EnumerateArray().Where(d => d.GetProperty("exceptionMessage").GetString()!.Contains(planted.ToString()));

    /// <summary>Publishes a failing message and waits for its dead letter: the message's id and the letter's.</summary>
    private async Task<(Guid Message, Guid Letter)> PlantDeadLetter()
    {
        var planted = Guid.NewGuid();
        using (var scope = app.Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new PlantedFailure(planted));
        var health = await Given.Eventually(Read, h => LettersFor(h, planted).Any());
        var letter = Assert.Single(LettersFor(health, planted));
        Assert.EndsWith(nameof(PlantedFailure), letter.GetProperty("messageType").GetString());
        Assert.Equal(typeof(InvalidOperationException).FullName, letter.GetProperty("exceptionType").GetString());
        Assert.InRange(health.GetProperty("queues").GetProperty("deadLetters").GetInt32(), 1, int.MaxValue);
        return (planted, letter.GetProperty("id").GetGuid());
    }

    private async Task<JsonElement> AuditOf(Guid letter) => (await Admin().Data(
            "query($id: ID!) { auditTrail(entityType: DEAD_LETTER, entityId: $id) { nodes { type actor data } } }", new { id = letter }))
        .GetProperty("auditTrail").GetProperty("nodes");

    [Fact]
    public async Task a_stuck_projection_and_a_dead_letter_show_and_replaying_the_fixed_message_clears_it()
    {
        await Given.Community(app.Client(SocialScenario.User("owner")), "Some events");
        await app.WaitForProjections();
        var healthy = await Read();
        Assert.True(healthy.GetProperty("highWaterMark").GetInt64() > 0);
        Assert.NotEmpty(healthy.GetProperty("projections").EnumerateArray());
        Assert.All(healthy.GetProperty("projections").EnumerateArray(), p => Assert.False(p.GetProperty("stuck").GetBoolean(), p.ToString()));

        // Plant a stuck projection: its shard stops, and its recorded position is far behind and has not moved for ten minutes.
        var shard = healthy.GetProperty("projections")[0].GetProperty("name").GetString()!;
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAgentAsync(shard);
        try
        {
            await using (var plant = app.Host.Services.GetRequiredService<NpgsqlDataSource>()
                             .CreateCommand("update platform.mt_event_progression set last_seq_id = 0, last_updated = now() - interval '10 minutes' where name = @name"))
            {
                plant.Parameters.AddWithValue("name", shard);
                Assert.Equal(1, await plant.ExecuteNonQueryAsync());
            }
            var health = await Read();
            var planted = Assert.Single(health.GetProperty("projections").EnumerateArray(), p => p.GetProperty("stuck").GetBoolean());
            Assert.Equal(shard, planted.GetProperty("name").GetString());
            Assert.Equal(0, planted.GetProperty("position").GetInt64());
            Assert.Equal(health.GetProperty("highWaterMark").GetInt64(), planted.GetProperty("lag").GetInt64());
        }
        finally
        {
            await daemon.StartAgentAsync(shard, CancellationToken.None);
        }

        // A dead letter: the handler fails until it is fixed; replayed after the fix, the message is handled and leaves the list.
        var (message, letter) = await PlantDeadLetter();
        PlantedFailureHandler.Fixed[message] = true;
        var replayed = (await Admin().Data("mutation($id: ID!) { replayDeadLetter(id: $id) { id replayable } }", new { id = letter })).GetProperty("replayDeadLetter");
        Assert.True(replayed.GetProperty("replayable").GetBoolean());
        var after = await Given.Eventually(Read, h => !h.GetProperty("deadLetters").EnumerateArray().Any(d => d.GetProperty("id").GetGuid() == letter));
        Assert.DoesNotContain(after.GetProperty("deadLetters").EnumerateArray(), d => d.GetProperty("id").GetGuid() == letter);
        Assert.True(await Given.Eventually(() => Task.FromResult(PlantedFailureHandler.Handled.ContainsKey(message)), handled => handled));

        var audit = Assert.Single((await AuditOf(letter)).EnumerateArray());
        Assert.Equal("DeadLetterReplayed", audit.GetProperty("type").GetString());
        Assert.Equal(PlatformApp.UserId(admin).ToString(), audit.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task a_discarded_dead_letter_is_gone_for_good_and_the_audit_trail_says_who_and_why()
    {
        var (message, letter) = await PlantDeadLetter();
        Assert.Equal("VALIDATION", (await Admin().Send("mutation($id: ID!) { discardDeadLetter(id: $id, reason: \" \") { id } }", new { id = letter })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await Admin().Send("mutation($id: ID!) { replayDeadLetter(id: $id) { id } }", new { id = Guid.NewGuid() })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app.Client(SocialScenario.User("member")).Send("mutation($id: ID!) { replayDeadLetter(id: $id) { id } }", new { id = letter })).FirstErrorCode);

        await Admin().Data("mutation($id: ID!) { discardDeadLetter(id: $id, reason: \"A test message nobody needs\") { id } }", new { id = letter });

        Assert.Empty(LettersFor(await Read(), message));
        Assert.Equal("NOT_FOUND", (await Admin().Send("mutation($id: ID!) { replayDeadLetter(id: $id) { id } }", new { id = letter })).FirstErrorCode);
        var audit = Assert.Single((await AuditOf(letter)).EnumerateArray());
        Assert.Equal("DeadLetterDiscarded", audit.GetProperty("type").GetString());
        Assert.Equal(PlatformApp.UserId(admin).ToString(), audit.GetProperty("actor").GetString());
        Assert.Contains("A test message nobody needs", audit.GetProperty("data").GetString());
        Assert.False(PlantedFailureHandler.Handled.ContainsKey(message));
    }
}
