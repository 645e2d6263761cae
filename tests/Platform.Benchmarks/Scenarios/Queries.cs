namespace Platform.Benchmarks.Scenarios;

/// <summary>Scenario 4: page queries at a constant arrival rate (open loop), with the API's CPU per request.</summary>
public static class Queries
{
    /// <summary>A page the front end loads: what it shows, its root field, and the query as the page sends it.</summary>
    public sealed record Page(string Name, string Field, string Query, object Variables);

    /// <summary>The pages scenarios 4 and 10 load, as <see cref="Reader"/>: the community feed and the course detail.</summary>
    public static Page[] Pages(Profile profile, World world) =>
    [
        new("community feed (20 items, authors, reactions)", "query.feed",
            "query($id: ID!) { feed(type: COMMUNITY, ownerId: $id, first: 20) { nodes { id verb time actor { id displayName } post { id title author { displayName } reactions { kind count } } } } }",
            new { id = world.Classroom }),
        new($"course detail ({profile.Modules} modules × {profile.LessonsPerModule} lessons)", "query.course",
            "query($id: ID!) { course(id: $id) { id title modules { id title lessons { id title locked lockReason completed } } viewerEnrolment { progressPercent } } }",
            new { id = world.Course }),
    ];

    /// <summary>An enrolled member: locks and progress are computed for them.</summary>
    public static string Reader(World world) => world.Users[0];

    public static async Task<ScenarioResult> Run(GraphQLApi graphql, ApiProcess api, Cluster cluster, Profile profile, World world, HashSet<string> fields)
    {
        var result = new ScenarioResult(4, $"Query latency at {profile.QueryRate:0} and {profile.TargetQueryRate:0} requests/s (open loop)");
        var pages = Pages(profile, world);
        var reader = Reader(world);
        foreach (var page in pages)
        {
            if (!fields.Contains(page.Field))
            {
                result.Rows.Add(new Row(page.Name, new() { ["per s"] = "not available in this build" }));
                continue;
            }
            try { await graphql.Send(reader, page.Query, page.Variables); }
            catch (InvalidOperationException e)
            {
                // The field exists but not in the shape this page asks for: say so rather than measure errors.
                result.Rows.Add(new Row(page.Name, new() { ["per s"] = $"query not runnable: {e.Message}" }));
                continue;
            }
            // The everyday rate, then the one issue 16 sets its latency bars at.
            foreach (var rate in new[] { profile.QueryRate, profile.TargetQueryRate })
            {
                var name = $"{page.Name} at {rate:0}/s";
                Console.Error.WriteLine($"  {name}...");
                var (phase, load) = await Phase.OpenLoop(api, cluster, profile, rate, () => graphql.Send(reader, page.Query, page.Variables));
                var row = load.QueryRow(name);
                result.TopStatements.AddRange((await phase.End(row, load.Sent)).Select(s => s with { Case = $"{page.Field} at {rate:0}/s: {s.Case}" }));
                result.MostCalled.AddRange(phase.MostCalled.Select(s => s with { Case = $"{page.Field} at {rate:0}/s: {s.Case}" }));
                result.Rows.Add(row);
                if (load.FirstError is { } error) result.Notes.Add($"{name}, first error: {error}");
            }
        }
        result.Notes.Add("Requests are due at a constant rate whatever the server does; each latency runs from the moment its request was due " +
                         "(no coordinated omission). With few samples the high percentiles are the slowest few requests. " +
                         $"Each page is first asked at the same rate, unmeasured, for at least {profile.WarmUp.TotalSeconds:0} s and until the API's JIT has gone quiet: " +
                         "it compiles the page's hot code again at its optimising tier (for 20 s and more at these rates), which a running service did long ago.");
        return result;
    }
}
