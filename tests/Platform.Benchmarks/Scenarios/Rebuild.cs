using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Weasel.Core;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6: seed many events of the app's own types straight into its event store, then time the app's
/// <c>projections rebuild</c> command as a process of its own, with its peak memory, beside Marten's own rebuild of one minimal
/// projection over the same events (<see cref="BareMarten.Rebuild"/>).
/// </summary>
public static class Rebuild
{
    private const int EventsPerMembership = 5; // joined, left, joined, left, joined: each ends active

    public static async Task<ScenarioResult> Run(Workspace workspace, Cluster cluster, Profile profile, RawPostgres.Ceiling ceiling)
    {
        var result = new ScenarioResult(6, "Projection rebuild");
        // The seeding writes into the API's schema: when no earlier scenario started the API (`--only rebuild`), start it once.
        if (await cluster.Scalar("select to_regclass('platform.mt_events')::text") is null or DBNull)
            await (await ApiProcess.Start(workspace, cluster.ConnectionString)).Api.DisposeAsync();
        var seeding = Stopwatch.StartNew();
        var seeded = await Seed(cluster.ConnectionString, profile.RebuildEvents);
        var seedRate = seeded / seeding.Elapsed.TotalSeconds;

        var (startOnly, _, _) = await Time(workspace, cluster, "projections list");
        var events = (long)(await cluster.Scalar("select count(*) from platform.mt_events"))!;
        // Right after a burst of appends the planner's statistics still describe a small mt_events: Marten's page query
        // (events joined to mt_streams, `order by seq_id limit 500`) then becomes a hash join over every remaining event and
        // every stream, once per page. The second rebuild runs after ANALYZE, to measure what that costs.
        var measured = new List<(string Name, double Rate, Dictionary<string, object?> Figures)>();
        foreach (var (name, analyze) in new[] { ("statistics as autovacuum left them", false), ("after ANALYZE of mt_events and mt_streams", true) })
        {
            Console.Error.WriteLine($"  projections rebuild, {name}...");
            if (analyze) await cluster.Execute("analyze platform.mt_events; analyze platform.mt_streams");
            await cluster.ResetStatements();
            var logFrom = new FileInfo(workspace.ApiLog).Length;
            // Marten gives each projection 5 minutes; on a loaded machine a million events took longer (and the command failed).
            var (total, peak, cpu) = await Time(workspace, cluster, "projections rebuild --shard-timeout 30m");
            var rate = events / (total - startOnly).TotalSeconds;
            measured.Add(($"rebuild over {events:N0} events, {name}", rate, new()
            {
                ["command s"] = total.TotalSeconds,
                ["of which start-up s"] = startOnly.TotalSeconds,
                ["rebuild CPU s"] = cpu.TotalSeconds,
                ["peak RSS MiB"] = peak,
            }));
            result.TopStatements.AddRange((await cluster.TopStatements(3)).Select(s => s with { Case = $"{(analyze ? "analyzed" : "as left")}: {s.Case}" }));
            // Marten logs each projection's own rebuild time: which read model costs the most.
            await using var log = File.OpenRead(workspace.ApiLog);
            log.Seek(logFrom, SeekOrigin.Begin);
            var lines = (await new StreamReader(log).ReadToEndAsync()).Split('\n');
            result.Notes.Add($"Per projection, {name} (they rebuild concurrently): " +
                             string.Join(", ", lines.Where(l => l.StartsWith("Finished rebuilding ")).Select(l => l["Finished rebuilding ".Length..].Trim())) + ".");
        }
        // The peer, last: it reads the same events on the same (analysed) statistics.
        Console.Error.WriteLine("  bare Marten rebuild of one single-stream projection...");
        var (bareElapsed, bareCpu) = await BareMarten.Rebuild(cluster.ConnectionString);
        var bareRate = events / bareElapsed.TotalSeconds;
        foreach (var (name, rate, figures) in measured)
            result.Rows.Add(new Row(name, new Dictionary<string, object?>
            {
                ["events/s"] = rate,
                ["× raw sequential read"] = rate / ceiling.ReadRowsPerSecond,
                ["× bare Marten"] = rate / bareRate,
            }.Concat(figures).ToDictionary()));
        result.Rows.Add(new Row($"bare Marten: its rebuild of one single-stream projection ({BareMarten.RebuildProjection}) over the same events", new()
        {
            ["events/s"] = bareRate,
            ["× raw sequential read"] = bareRate / ceiling.ReadRowsPerSecond,
            ["× bare Marten"] = 1.0,
            ["rebuild CPU s"] = bareCpu.TotalSeconds,
        }));
        var memberships = await cluster.Scalar("select count(*) from platform.mt_doc_membershipview");
        result.Notes.Add($"Seeded {seeded:N0} events ({seedRate:N0} events/s: Marten sessions of 200 streams, 4 at once): community creations and " +
                         $"membership streams of {EventsPerMembership} events. After the rebuilds: {memberships:N0} membership views.");
        result.Notes.Add("events/s counts every event in the store over the command's time less its start-up (the time of `projections list`); " +
                         "peak RSS (VmHWM) and CPU of the rebuild process are sampled every 50 ms. The bare-Marten peer runs in the bench's process " +
                         "(Marten's RebuildProjectionAsync, from its daemon's start to the projection's end; CPU is the bench process's) and divides the " +
                         "same event count by its time.");
        return result;
    }

    /// <summary>Runs one of the API's commands to its end: its wall time, peak resident memory and CPU time (last sampled).</summary>
    private static async Task<(TimeSpan Elapsed, double PeakMiB, TimeSpan Cpu)> Time(Workspace workspace, Cluster cluster, string arguments)
    {
        var clock = Stopwatch.StartNew();
        using var process = ApiProcess.Launch(workspace, cluster.ConnectionString, arguments, ApiProcess.FreeUrl());
        var (peak, cpu) = (0.0, TimeSpan.Zero);
        while (!process.HasExited)
        {
            // Both read zero once the process is gone: keep the last real sample.
            peak = Math.Max(peak, Machine.PeakMemoryMiB(process.Id));
            cpu = TimeSpan.FromTicks(Math.Max(cpu.Ticks, Machine.CpuTime(process.Id).Ticks));
            await Task.Delay(50);
        }
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0) throw new InvalidOperationException($"`{arguments}` failed ({process.ExitCode}); see {workspace.ApiLog}");
        return (elapsed, peak, cpu);
    }

    /// <summary>Appends events the projections really consume, in large sessions (the fast way to write with Marten); returns how many.</summary>
    private static async Task<int> Seed(string connectionString, int count)
    {
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = "platform"; // the API's schema, already created by it
            options.Events.DatabaseSchemaName = "platform";
            options.AutoCreateSchemaObjects = AutoCreate.None;
            options.Events.AppendMode = EventAppendMode.Rich; // as the API appends (its schema has no quick-append function)
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        });
        var communities = Enumerable.Range(0, Math.Max(count / 1000, 1)).Select(_ => Guid.CreateVersion7()).ToList();
        var at = DateTimeOffset.UtcNow;
        await using (var session = store.LightweightSession())
        {
            foreach (var id in communities)
                session.Events.StartStream(id, new CommunityCreated(id, $"Seeded {id:N}", $"seeded-{id:N}", "", CommunityVisibility.Public,
                    JoinPolicy.Open, 15, null, Guid.Empty, at));
            await session.SaveChangesAsync();
        }
        var memberships = (count - communities.Count) / EventsPerMembership;
        await Parallel.ForEachAsync(Enumerable.Range(0, (memberships + 199) / 200), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, cancellation) =>
        {
            await using var session = store.LightweightSession();
            for (var i = batch * 200; i < Math.Min(memberships, (batch + 1) * 200); i++)
            {
                var community = communities[i % communities.Count];
                var user = Guid.CreateVersion7();
                var id = DeterministicId.Membership(community, user);
                session.Events.StartStream(id,
                    new MemberJoined(id, community, user, at), new MemberLeft(id, community, user, true, at),
                    new MemberJoined(id, community, user, at), new MemberLeft(id, community, user, true, at),
                    new MemberJoined(id, community, user, at));
            }
            await session.SaveChangesAsync(cancellation);
        });
        return communities.Count + memberships * EventsPerMembership;
    }
}
