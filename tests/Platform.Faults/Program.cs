using System.Diagnostics;
using Platform.Benchmarks;
using Platform.Faults;

// ./platform faults [--quick]: run by the script with the repository root first.
var root = Path.GetFullPath(args[0]);
var quick = args.Contains("--quick");
var kills = quick ? 6 : 24;
const int traffic = 8, writers = 20, databaseCrashes = 2, leaderKills = 2;
var command = string.Join(' ', ["./platform faults", .. args.Skip(1)]);
var clock = Stopwatch.StartNew();
void Say(string what) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {what}");

var run = new Run(command, DateTimeOffset.UtcNow, Machine.Describe());
var workspace = new Workspace(root, Directory.CreateTempSubdirectory("platform-faults-").FullName)
{
    Settings = new Dictionary<string, string> { ["Stripe__WebhookSecret"] = SignedWebhooks.Secret },
};
Say($"Starting a PostgreSQL cluster; logs in {workspace.Directory}");
await using (var cluster = await Cluster.Start(root))
await using (var nodes = new Nodes(workspace, cluster.ConnectionString))
{
    // One after another: nodes applying the schema to a fresh database at once race on its DDL.
    for (var node = 1; node <= 3; node++)
    {
        Say($"Starting API node {node}");
        await nodes.Start(node);
    }
    var setup = await Setup.Build(nodes.Client(1));
    var load = new Traffic(nodes, setup);
    using var stop = new CancellationTokenSource();
    Say($"{traffic} buyers: join → checkout → pay → refund");
    var buyers = load.Run(traffic, stop.Token);

    for (var k = 0; k < kills; k++)
    {
        var node = k % 3 + 1;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await nodes.Kill(node);
        var restarted = await nodes.Start(node);
        run.Faults.Add(new Fault($"kill -9 API node {node}", "restarted and ready", restarted));
        Say($"kill {k + 1}/{kills}: node {node} ready again after {restarted.TotalSeconds:0.0} s");
    }

    for (var k = 0; k < leaderKills; k++)
    {
        var work = await nodes.Work();
        var leader = work.Where(w => w.Value.Leads).Select(w => (int?)w.Key).FirstOrDefault()
                     ?? throw new InvalidOperationException("No node leads.");
        var projections = work.Values.SelectMany(w => w.Projections).Distinct().Count();
        run.Shares.Add(string.Join(", ", work.OrderBy(w => w.Key).Select(w => $"node {w.Key}: {w.Value.Projections.Length}{(w.Value.Leads ? " (leads)" : "")}")));
        var since = Stopwatch.StartNew();
        await nodes.Kill(leader);
        var taken = await nodes.TakenOver(leader, projections, since, TimeSpan.FromMinutes(2));
        run.Faults.Add(new Fault($"kill -9 the leader (node {leader})", $"another node leads and the {projections} async projections listed run again", taken));
        Say($"leader kill {k + 1}/{leaderKills}: node {leader}; " + (taken is { } t ? $"another node leads after {t.TotalSeconds:0.0} s" : "no new leader in 2 minutes"));
        await nodes.Start(leader);
    }

    Say($"{writers - traffic} more buyers: {writers} writers");
    var more = load.Run(writers - traffic, stop.Token);
    for (var k = 0; k < databaseCrashes; k++)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        await cluster.Crash();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.Restart();
        var back = DateTimeOffset.UtcNow;
        var since = Stopwatch.StartNew();
        while (load.LastOk <= back && since.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(50);
        TimeSpan? recovered = load.LastOk > back ? since.Elapsed : null;
        run.Faults.Add(new Fault($"pg_ctl stop -m immediate under {load.Writers} writers, restart 2 s later", "next acknowledged write", recovered));
        Say($"database crash {k + 1}/{databaseCrashes}: " + (recovered is { } r ? $"writes acknowledged again {r.TotalSeconds:0.0} s after the restart" : "no write in 2 minutes"));
    }
    await Task.Delay(TimeSpan.FromSeconds(5));
    stop.Cancel();
    await Task.WhenAll(buyers, more);

    Say("The oracle");
    var oracle = new Oracle(cluster, setup);
    run.Tally = await oracle.Judge([.. load.Operations]);
    run.Verdicts.AddRange(oracle.Verdicts);
    run.PostgreSQL = cluster.Version;
}
run.Duration = clock.Elapsed;
await FaultReport.Write(root, run);
foreach (var verdict in run.Verdicts) Say($"{(verdict.Held ? "held" : "FAILED")}: {verdict.Check}: {verdict.Detail}");
// A failed run keeps the nodes' logs for whoever looks into it.
if (run.Passed) Directory.Delete(workspace.Directory, recursive: true);
Say($"Wrote docs/reliability.md; {(run.Passed ? "the oracle holds" : $"the oracle FAILED; the nodes' logs are in {workspace.Directory}")}");
return run.Passed ? 0 : 1;
