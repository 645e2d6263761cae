namespace Platform.Benchmarks;

/// <summary>
/// One measured stretch against the running API: CPU used by the API process and by the PostgreSQL cluster, and
/// pg_stat_statements reset at the start so the end can list the statements this stretch paid for.
/// </summary>
public sealed class Phase
{
    private readonly ApiProcess api;
    private readonly Cluster cluster;
    private readonly TimeSpan apiCpu;
    private readonly TimeSpan clusterCpu;

    private Phase(ApiProcess api, Cluster cluster)
    {
        this.api = api;
        this.cluster = cluster;
        apiCpu = api.CpuTime;
        clusterCpu = Machine.ClusterCpuTime(cluster.PostmasterPid);
    }

    public static async Task<Phase> Begin(ApiProcess api, Cluster cluster)
    {
        await Settle(api);
        return await Start(api, cluster);
    }

    private static async Task<Phase> Start(ApiProcess api, Cluster cluster)
    {
        await cluster.ResetStatements();
        return new Phase(api, cluster);
    }

    /// <summary>
    /// <see cref="Profile.Clients"/> callers in a closed loop (<see cref="Load.ClosedLoop"/>) from a quiet API; the phase starts when the
    /// API's JIT has gone quiet (<see cref="WarmUp"/>) and runs for the profile's command duration.
    /// </summary>
    public static async Task<(Phase Phase, LoadResult Load)> ClosedLoop(ApiProcess api, Cluster cluster, Profile profile, Func<int, int, Task<bool>> operation)
    {
        await Settle(api);
        var warmedUp = WarmUp.UntilJitQuiet(api.Pid, profile.WarmUp);
        var starting = warmedUp.ContinueWith(_ => Start(api, cluster), TaskScheduler.Default).Unwrap();
        var load = await Load.ClosedLoop(Profile.Clients, warmedUp, profile.CommandDuration, operation);
        return (await starting, load);
    }

    /// <summary>
    /// An open loop at <paramref name="rate"/> for the profile's query duration, after the same request at the same rate until the
    /// API's JIT has gone quiet (<see cref="WarmUp"/>, unmeasured) and the API has settled.
    /// </summary>
    public static async Task<(Phase Phase, LoadResult Load)> OpenLoop(ApiProcess api, Cluster cluster, Profile profile, double rate, Func<Task> operation)
    {
        await Settle(api);
        await Load.OpenLoop(rate, WarmUp.UntilJitQuiet(api.Pid, profile.WarmUp), operation);
        var phase = await Begin(api, cluster);
        return (phase, await Load.OpenLoop(rate, profile.QueryDuration, operation));
    }

    /// <summary>The statements this phase ran most often, with calls per request (filled by <see cref="End"/>).</summary>
    public List<Row> MostCalled { get; private set; } = [];

    /// <summary>
    /// Adds CPU milliseconds per request of the API and of PostgreSQL to the row, and statements and pooled-connection resets
    /// per request (these two hold however loaded the machine is); returns the statements with the most database time.
    /// </summary>
    public async Task<List<Row>> End(Row row, int requests)
    {
        await Settle(api); // the phase's events are projected asynchronously: their cost belongs to it
        var per = Math.Max(requests, 1);
        row.Values["API CPU ms/op"] = (api.CpuTime - apiCpu).TotalMilliseconds / per;
        row.Values["PG CPU ms/op"] = (Machine.ClusterCpuTime(cluster.PostmasterPid) - clusterCpu).TotalMilliseconds / per;
        var (statements, resets) = await cluster.StatementCalls();
        row.Values["statements/op"] = (double)statements / per;
        row.Values["DISCARD ALL/op"] = (double)resets / per;
        MostCalled = await cluster.TopStatements(15, per, orderBy: "calls");
        return await cluster.TopStatements(5, per);
    }

    /// <summary>
    /// Waits (up to 30 s) until the API is nearly idle, i.e. the async daemon has caught up: a phase then neither pays for
    /// the last one's projections nor leaves its own unpaid. Idle here is below 10 % of a core (the daemon and Wolverine poll).
    /// </summary>
    public static async Task Settle(ApiProcess api)
    {
        for (var waited = 0; waited < 60; waited++)
        {
            var before = api.CpuTime;
            await Task.Delay(500);
            if (api.CpuTime - before < TimeSpan.FromMilliseconds(50)) return;
        }
    }
}
