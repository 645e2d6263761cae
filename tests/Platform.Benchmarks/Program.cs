using System.Diagnostics;
using Platform.Benchmarks;
using Platform.Benchmarks.Scenarios;

// ./platform bench [--quick] [--only commands,queries,...]: run by the script with the repository root first.
var root = Path.GetFullPath(args[0]);
var profile = args.Contains("--quick") ? Profile.Quick : Profile.Full;
// A focused run measures some scenarios (raw PostgreSQL always: the ratios need it); the whole run measures all.
string[] scenarioNames = ["commands", "queries", "checkout", "chat", "dashboard", "saturation", "rebuild", "startup"];
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt > 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].Split(',') : scenarioNames;
if (only.Except(scenarioNames).ToList() is { Count: > 0 } unknown)
{
    Console.Error.WriteLine($"--only takes some of {string.Join(",", scenarioNames)}; not {string.Join(",", unknown)}.");
    return 2;
}
bool Runs(string scenario) => only.Contains(scenario);
var command = string.Join(' ', ["./platform bench", .. args.Skip(1)]);
var clock = Stopwatch.StartNew();
void Say(string what) => Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {what}");

var workspace = new Workspace(root, Directory.CreateTempSubdirectory("platform-bench-").FullName);
var run = new Dictionary<string, object?>
{
    ["command"] = command,
    ["profile"] = profile.Name,
    ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"),
    ["commit"] = await Machine.Run("git", "describe --always --dirty", root),
};
foreach (var (key, value) in Machine.Describe()) run[key] = value;
var scenarios = new List<ScenarioResult>();

Say($"Starting a PostgreSQL cluster (fsync on); files in {workspace.Directory}");
await using (var cluster = await Cluster.Start(root))
{
    run["PostgreSQL"] = cluster.Version;
    Say("1. raw PostgreSQL");
    var (raw, ceiling) = await RawPostgres.Run(cluster, profile);
    scenarios.Add(raw);

    if (Runs("commands") || Runs("queries") || Runs("checkout") || Runs("chat") || Runs("dashboard") || Runs("saturation"))
    {
        Say("Starting the API");
        var (api, _) = await ApiProcess.Start(workspace, cluster.ConnectionString);
        await using (api)
        {
            using var graphql = new GraphQLApi(api.Url, workspace.KeyPath);
            var fields = await graphql.RootFields();
            Say("Setting up communities, a course and users through the API");
            var world = await World.Build(graphql, profile);
            if (Runs("commands"))
            {
                Say("2. commands (3. read-your-write alongside)");
                var (commands, readYourWrite) = await Commands.Run(graphql, api, cluster, profile, world, fields, ceiling);
                scenarios.Add(commands);
                scenarios.Add(readYourWrite);
            }
            if (Runs("queries"))
            {
                Say("4. queries");
                scenarios.Add(await Queries.Run(graphql, api, cluster, profile, world, fields));
            }
            if (Runs("checkout"))
            {
                Say("5. checkout");
                scenarios.Add(await Checkout.Run(graphql, api, cluster, profile, world, fields));
            }
            if (Runs("chat"))
            {
                Say("8. chat");
                scenarios.Add(await Chat.Run(graphql, api, cluster, profile, world, fields));
            }
            if (Runs("dashboard"))
            {
                Say("9. dashboard");
                scenarios.Add(await Dashboard.Run(graphql, api, cluster, profile, world, fields));
            }
            if (Runs("saturation"))
            {
                Say("10. saturation");
                scenarios.Add(await Saturation.Run(graphql, api, profile, world, fields));
            }
        }
    }
    if (Runs("rebuild"))
    {
        Say("6. projection rebuild");
        scenarios.Add(await Rebuild.Run(workspace, cluster, profile, ceiling));
    }
    if (Runs("startup"))
    {
        Say("7. start-up");
        scenarios.Add(await StartUp.Run(workspace, cluster, profile));
    }
}
run["duration"] = $"{clock.Elapsed.TotalSeconds:0} s";

var biggestCosts = await File.ReadAllTextAsync(Path.Combine(root, "tests", "Platform.Benchmarks", "BiggestCosts.md"));
await Report.Write(root, run, scenarios.OrderBy(s => s.Number).ToList(), biggestCosts);
// The API's log outlives the workspace, so a run's errors can still be read after it (the last run's only).
var keptLog = Path.Combine(root, ".platform", "bench", "api.log");
Directory.CreateDirectory(Path.GetDirectoryName(keptLog)!);
if (File.Exists(workspace.ApiLog)) File.Move(workspace.ApiLog, keptLog, overwrite: true);
else File.Delete(keptLog);
Directory.Delete(workspace.Directory, recursive: true);
Say($"Wrote docs/benchmarks.md and docs/benchmarks.json; the API's log (if it ran) is in {Path.GetRelativePath(root, keptLog)}");
return 0;
