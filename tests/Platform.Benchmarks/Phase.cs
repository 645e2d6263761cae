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
        await cluster.ResetStatements();
        return new Phase(api, cluster);
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
