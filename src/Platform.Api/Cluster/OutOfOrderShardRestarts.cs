using JasperFx;
using JasperFx.Events.Daemon;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Platform.Api.Cluster;

/// <summary>
/// Starts again an async projection or subscription on this node that stopped because another process advanced its progress
/// (<see cref="ShardFailureCategory.ProgressionOutOfOrder"/>). That happens when the leader moves a shard between nodes (a node
/// joined, or one was thought dead under load): the new copy starts before the old one has stopped, one of them loses the
/// optimistic progress update, and Wolverine leaves the loser stopped for good rather than add a contender (its GH-3638). If the
/// loser is the copy the shard was assigned to, nobody runs the shard any more. The losing batch was rolled back with its progress
/// row, so starting it again re-reads from the committed position: nothing is applied twice. If the other copy still runs, the
/// start fails the same way and is tried again on the next look, by when Wolverine has stopped the copy that is not assigned.
/// </summary>
public sealed class OutOfOrderShardRestarts(IWolverineRuntime runtime, TimeProvider time, ILogger<OutOfOrderShardRestarts> logger)
    : BackgroundService
{
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (runtime is not WolverineRuntime { NodeController: { } controller }) continue;
            foreach (var agent in controller.Agents.Values.OfType<IEventSubscriptionAgent>())
            {
                if (agent.Status == AgentStatus.Running || agent.Failure?.Category != ShardFailureCategory.ProgressionOutOfOrder) continue;
                logger.LogWarning("Restarting {Agent} on node {Node}: it stopped because another process advanced its progress ({Failure})",
                    agent.Uri, runtime.Options.Durability.AssignedNodeNumber, agent.Failure.Message);
                try
                {
                    await agent.StartAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "{Agent} did not start again; trying on the next look", agent.Uri);
                }
            }
        }
    }
}
