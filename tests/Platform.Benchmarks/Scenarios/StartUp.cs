namespace Platform.Benchmarks.Scenarios;

/// <summary>Scenario 7: from process start to <c>/health/ready</c> answering 200, on a fresh database and on an existing one.</summary>
public static class StartUp
{
    public static async Task<ScenarioResult> Run(Workspace workspace, Cluster cluster, Profile profile)
    {
        var result = new ScenarioResult(7, "Start-up to /health/ready");
        var cold = new Samples();
        var warm = new Samples();
        for (var run = 0; run < profile.StartRuns; run++)
        {
            var database = await cluster.CreateDatabase($"platform_cold_{run}");
            foreach (var samples in new[] { cold, warm }) // the first start creates the schema, the second finds it
            {
                var (api, ready) = await ApiProcess.Start(workspace, database);
                samples.Add(ready.TotalMilliseconds);
                await api.DisposeAsync();
            }
        }
        foreach (var (name, samples) in new[] { ("cold (fresh database: schema created)", cold), ("warm (existing database)", warm) })
            result.Rows.Add(new Row(name, new()
            {
                ["median s"] = samples.Percentile(50) / 1000,
                ["min s"] = samples.Percentile(0) / 1000,
                ["max s"] = samples.Percentile(100) / 1000,
                ["runs"] = samples.Count,
            }));
        result.Notes.Add("Time from launching `dotnet Platform.Api.dll` (Release, ReadyToRun: `./platform build`) to the first 200 from /health/ready, polled every 20 ms.");
        return result;
    }
}
