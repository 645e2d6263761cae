using Wolverine;
using Wolverine.Runtime;

namespace Platform.Api.Cluster;

/// <summary>What one API node runs: its Wolverine node number, whether it leads (assigns the work), and the work it runs by name:
/// <c>leader</c>, and one <c>&lt;projection or subscription&gt;/all</c> per async projection or subscription (database names left out).</summary>
public sealed record NodeWork(int Node, bool Leader, IReadOnlyList<string> Agents, DateTimeOffset? LastHeartbeat);

/// <summary>Which node runs what, for readiness (this node) and for operators (every live node, as recorded in the database).</summary>
public sealed class ClusterStatus(IWolverineRuntime runtime)
{
    private static bool IsLeader(Uri agent) => agent.Scheme == "wolverine" && agent.Host == "leader";

    /// <summary>An event subscription's last two segments (<c>ledger/all</c>), other agents by kind (<c>wolverinedb</c>: the durability
    /// agent that recovers the inbox, outbox and scheduled messages): never the database's host and name.</summary>
    private static List<string> Names(IEnumerable<Uri> agents) =>
    [
        .. agents.Select(agent => IsLeader(agent) ? "leader"
            : agent.Scheme == "event-subscriptions" ? string.Join('/', agent.Segments.TakeLast(2).Select(s => s.Trim('/')))
            : agent.Scheme).Order(),
    ];

    public NodeWork ThisNode()
    {
        // The leader's own agent is not among the running agents: the node controller knows whether it holds the leadership lock.
        var leads = runtime is WolverineRuntime { NodeController.IsLeader: true };
        var names = Names(runtime.Agents.AllRunningAgentUris());
        if (leads) names.Insert(0, "leader");
        return new NodeWork(runtime.Options.Durability.AssignedNodeNumber, leads, names, null);
    }

    /// <summary>Every node with a heartbeat row; a killed node stays listed until the leader finds its heartbeat stale and removes it.</summary>
    public async Task<IReadOnlyList<NodeWork>> AllNodes(CancellationToken cancellation)
    {
        var nodes = await runtime.Storage.Nodes.LoadAllNodesAsync(cancellation);
        return [.. nodes.OrderBy(n => n.AssignedNodeNumber)
            .Select(n => new NodeWork(n.AssignedNodeNumber, n.ActiveAgents.Any(IsLeader), Names(n.ActiveAgents), n.LastHealthCheck))];
    }
}
