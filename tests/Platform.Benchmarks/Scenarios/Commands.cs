using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: mutations that append events, 16 clients in a closed loop, compared with raw 16-connection commits.
/// Scenario 3 runs beside it: how long after a mutation's response its async projection shows the change.
/// </summary>
public static class Commands
{
    private sealed record Mutation(string Name, string Query, Func<int, int, (string Token, object Variables)?> Item)
    {
        /// <summary>The floor is a query every build answers; a mutation only where the build has it.</summary>
        public bool IsAvailable(HashSet<string> fields) => !Query.StartsWith("mutation") || fields.Contains($"mutation.{Name}");
    }

    public static async Task<(ScenarioResult Throughput, ScenarioResult ReadYourWrite)> Run(
        GraphQLApi graphql, ApiProcess api, Cluster cluster, Profile profile, World world, HashSet<string> fields, RawPostgres.Ceiling ceiling)
    {
        var result = new ScenarioResult(2, $"Command throughput, {Profile.Clients} clients (closed loop)");
        var mutations = new[]
        {
            // What every signed-in request costs before its own work: HTTP, the token and the caller's account, GraphQL, the answer.
            new Mutation(TransportFloor, "{ __typename }", (client, _) => (world.Users[client], new { })),
            new Mutation("joinCommunity", "mutation($c: ID!) { joinCommunity(communityId: $c) { status } }",
                (client, n) => world.Pair(world.JoinCommunities, client, n) is { } pair ? (pair.User, new { c = pair.Target }) : null),
            new Mutation("completeLesson", "mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons } }",
                (client, n) => world.Pair(world.Lessons, client, n) is { } pair ? (pair.User, new { l = pair.Target }) : null),
            new Mutation("recordVideoProgress",
                "mutation($l: ID!, $p: Int!, $r: [WatchedRangeInput!]!) { recordVideoProgress(lessonId: $l, positionSeconds: $p, watchedRanges: $r, durationSeconds: 600) { watchedPercent } }",
                (client, n) => VideoReport(world, client, n)),
            new Mutation("createPost", "mutation($c: ID!, $t: String!, $b: String!) { createPost(input: { communityId: $c, title: $t, body: $b }) { id } }",
                (client, n) => (world.Users[client], new { c = world.Classroom, t = $"Post {n} of client {client}", b = "A question about bracing, with some detail." })),
            new Mutation("react", "mutation($p: ID!) { react(targetId: $p, kind: LIKE) { id } }",
                (client, n) => world.Pair(world.Posts, client, n) is { } pair ? (pair.User, new { p = pair.Target }) : null),
        };

        using var stop = new CancellationTokenSource();
        var loading = new StrongBox<bool>();
        var probing = ReadYourWrite(graphql, world, loading, stop.Token);
        foreach (var mutation in mutations)
        {
            if (!mutation.IsAvailable(fields))
            {
                result.Rows.Add(new Row(mutation.Name, new() { ["per s"] = "not available in this build" }));
                continue;
            }
            Console.Error.WriteLine($"  {mutation.Name}...");
            loading.Value = true;
            var (phase, load) = await Phase.ClosedLoop(api, cluster, profile, async (client, n) =>
            {
                if (mutation.Item(client, n) is not { } item) return false;
                await graphql.Send(item.Token, mutation.Query, item.Variables);
                return true;
            });
            loading.Value = false;
            var row = new Row(mutation.Name, new()
            {
                ["per s"] = load.PerSecond,
                ["× raw inserts (16)"] = load.PerSecond / ceiling.InsertsPerSecond16,
                ["× bare Marten"] = load.PerSecond / ceiling.BareMartenPerSecond,
                ["p50 ms"] = load.Latency.Percentile(50),
                ["p99 ms"] = load.Latency.Percentile(99),
                ["ops"] = load.Operations,
                ["errors"] = load.Errors,
            });
            result.TopStatements.AddRange((await phase.End(row, load.Sent)).Select(s => s with { Case = $"{mutation.Name}: {s.Case}" }));
            result.MostCalled.AddRange(phase.MostCalled.Select(s => s with { Case = $"{mutation.Name}: {s.Case}" }));
            result.Rows.Add(row);
            if (load.FirstError is { } error) result.Notes.Add($"{mutation.Name}, first error: {error}");
        }
        await stop.CancelAsync();
        var (latency, timeouts, failures) = await probing;

        result.Notes.Add($"Each mutation's ratio is against scenario 1's {Profile.Clients}-connection INSERT commits/s; each runs after a warm-up of at least {profile.WarmUp.TotalSeconds:0} s " +
                         "that lasts until the API's JIT has gone quiet (its one-off recompilation of the hot paths is not a running service's cost per request).");
        result.Notes.Add($"{TransportFloor}: a signed-in request that reads only who is calling (account and suspension), the same {Profile.Clients} clients: " +
                         "what HTTP, the token, GraphQL and the bench's own client cost per request on this machine before a command does anything.");
        result.Notes.Add("joinCommunity: each request joins a new (community, user) pair; completeLesson: a new (lesson, learner) pair; " +
                         "recordVideoProgress: a learner's next 10 s of a lesson's video (one upsert, an event only at 25/50/75/90/100 %); createPost: a new post in the classroom; " +
                         "react: a new (post, member) like of the creator's posts, scored into the points ledger in the same transaction.");
        var readYourWrite = new ScenarioResult(3, "Read-your-write latency (async projection), under scenario 2's load");
        readYourWrite.Rows.Add(new Row("joinCommunity → community.memberCount", new()
        {
            ["probes"] = latency.Count,
            ["p50 ms"] = latency.Percentile(50),
            ["p99 ms"] = latency.Percentile(99),
            ["max ms"] = latency.Percentile(100),
            ["timeouts (10 s)"] = timeouts,
            ["errors"] = failures,
        }));
        readYourWrite.Notes.Add("A probe user joins a community no other load touches, then polls `community(id) { memberCount }` every 10 ms; " +
                                "the latency runs from the mutation's response to the first read showing the new count (CommunityCard is an async projection).");
        return (result, readYourWrite);
    }

    private const string TransportFloor = "floor: signed-in { __typename }";

    /// <summary>
    /// A player's report every 10 s of a 10-minute video: each client's learners take turns, each moving 10 s further through
    /// their lesson with every report and on to the next lesson after 60 reports (a learner's reports never overlap in time).
    /// </summary>
    private static (string Token, object Variables)? VideoReport(World world, int client, int n)
    {
        var index = n * Profile.Clients + client;
        var round = index / world.Users.Count;
        var at = round % 60 * 10;
        return (world.Users[index % world.Users.Count],
            new { l = world.Lessons[round / 60 % world.Lessons.Count], p = at + 10, r = new[] { new { start = at, end = at + 10 } } });
    }

    /// <summary>
    /// Scenario 3's probes, one at a time while a load runs, until stopped: join, then poll the async read model until it
    /// counts the new member.
    /// </summary>
    private static async Task<(Samples Latency, int Timeouts, int Failures)> ReadYourWrite(
        GraphQLApi graphql, World world, StrongBox<bool> loading, CancellationToken stop)
    {
        var latency = new Samples();
        int timeouts = 0, failures = 0;
        const string count = "query($c: ID!) { community(id: $c) { memberCount } }";
        async Task<int> MemberCount() =>
            (await graphql.Send(world.CreatorToken, count, new { c = world.ProbeCommunity })).GetProperty("community").GetProperty("memberCount").GetInt32();

        var expected = await MemberCount();
        foreach (var user in world.ProbeUsers)
        {
            while (!loading.Value && !stop.IsCancellationRequested) await Task.Delay(50, CancellationToken.None);
            if (stop.IsCancellationRequested) break;
            try
            {
                await graphql.Send(user, "mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = world.ProbeCommunity });
                var since = Stopwatch.StartNew();
                expected++;
                var seen = false;
                while (!seen && since.Elapsed < TimeSpan.FromSeconds(10))
                {
                    seen = await MemberCount() >= expected;
                    if (!seen) await Task.Delay(10, CancellationToken.None);
                }
                if (seen) latency.Add(since.Elapsed.TotalMilliseconds);
                else timeouts++;
                await Task.Delay(100, CancellationToken.None); // a probe every ~100 ms plus its latency: a light load of its own
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
            {
                failures++;
            }
        }
        return (latency, timeouts, failures);
    }
}
