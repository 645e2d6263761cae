namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 10: how far each of scenario 4's pages goes. The open-loop rate starts low and grows by a factor per step until
/// the p99 passes <see cref="P99Bound"/> (or a request fails); the row gives the last rate that held and the first that broke.
/// </summary>
public static class Saturation
{
    public const double P99Bound = 50;
    private const double FirstRate = 25;
    private const double HighestRate = 3_000; // above what two cores serve of any page: a run that gets here says so

    public static async Task<ScenarioResult> Run(GraphQLApi graphql, ApiProcess api, Profile profile, World world, HashSet<string> fields)
    {
        var result = new ScenarioResult(10, $"Saturation: the highest rate each page sustains with p99 ≤ {P99Bound:0} ms (open loop)");
        var reader = Queries.Reader(world);
        foreach (var page in Queries.Pages(profile, world).Where(p => fields.Contains(p.Field)))
        {
            Console.Error.WriteLine($"  {page.Name}...");
            Task Request() => graphql.Send(reader, page.Query, page.Variables);
            await Load.OpenLoop(FirstRate, WarmUp.UntilJitQuiet(api.Pid, TimeSpan.FromSeconds(1)), Request); // warm-up: compiled paths, pooled connections
            (double Rate, LoadResult Load)? held = null, broke = null;
            var steps = 0;
            for (var rate = FirstRate; rate <= HighestRate && broke is null; rate *= profile.SaturationFactor)
            {
                // Each step from a quiet API, like a phase: a step no longer inherits the backlog of the one before it (or of the
                // page before, whose last step broke), which made single steps swing between runs.
                await Phase.Settle(api);
                var load = await Load.OpenLoop(rate, profile.SaturationStep, Request);
                steps++;
                if (load.Errors == 0 && load.Latency.Percentile(99) <= P99Bound) held = (rate, load);
                else broke = (rate, load);
            }
            result.Rows.Add(new Row(page.Name, new()
            {
                ["held per s"] = held?.Rate ?? 0,
                ["held p50 ms"] = held?.Load.Latency.Percentile(50) ?? double.NaN,
                ["held p99 ms"] = held?.Load.Latency.Percentile(99) ?? double.NaN,
                ["broke at per s"] = broke?.Rate ?? double.NaN,
                ["broke p99 ms"] = broke?.Load.Latency.Percentile(99) ?? double.NaN,
                ["broke errors"] = broke?.Load.Errors ?? 0,
                ["steps"] = steps,
            }));
            if (broke?.Load.FirstError is { } error) result.Notes.Add($"{page.Name}, first error at {broke.Value.Rate:0}/s: {error}");
        }
        result.Notes.Add($"Rates from {FirstRate:0}/s, ×{profile.SaturationFactor} per step of {profile.SaturationStep.TotalSeconds:0} s, each from a quiet API, as scenario 4's reader; " +
                         "a step holds when its p99 (from each request's due time, no coordinated omission) is within the bound and nothing failed. " +
                         "The load client shares the cores: the figure is a floor for a server with cores of its own.");
        return result;
    }
}
