using JasperFx.Core;
using Wolverine;

namespace Platform.Api.Cluster;

public static class ClusterConfiguration
{
    /// <summary>
    /// Nodes share the work: Wolverine's leader spreads the async projections and subscriptions over the live nodes (see
    /// <c>EventStoreConfiguration</c>) and moves a dead node's share. A node that dies also holds its acknowledged work (webhooks
    /// answered 2xx, queued commands) until the others see it is gone. Wolverine's defaults (a 10 s heartbeat, stale after 1 min,
    /// ejected on the second stale look) kept both a minute and more. A 1 s heartbeat, stale after 4 s and a 1 s orphan sweep hand
    /// them to a live node within 15 s; the leader re-checks what runs where every 5 s. Handlers are safe to repeat, so a node wrongly
    /// thought dead costs only a repeat. Readiness shows this node's share; <see cref="ClusterStatus.AllNodes"/> every node's.
    /// </summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureWolverine(options =>
        {
            options.Durability.HealthCheckPollingTime = 1.Seconds();
            options.Durability.FirstHealthCheckExecution = 1.Seconds();
            options.Durability.StaleNodeTimeout = 4.Seconds();
            options.Durability.OrphanedMessageSweepPollingTime = 1.Seconds();
            options.Durability.ScheduledJobPollingTime = 2.Seconds();
            options.Durability.CheckAssignmentPeriod = 5.Seconds();
            options.Durability.NodeReassignmentPollingTime = 2.Seconds();
        });
        builder.Services.AddSingleton<ClusterStatus>();
        builder.Services.AddHostedService<OutOfOrderShardRestarts>();
        // Wolverine registers Marten's coordinator interface; code that asks for JasperFx's (rebuilds, tests) finds the same daemon.
        builder.Services.AddSingleton<JasperFx.Events.Daemon.IProjectionCoordinator>(services =>
            services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>());
        return builder;
    }
}
