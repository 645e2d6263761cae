using JasperFx.Core;
using Wolverine;

namespace Platform.Api.Cluster;

public static class ClusterConfiguration
{
    /// <summary>
    /// Nodes share the work: Wolverine's leader spreads the async projections and subscriptions over the live nodes (see
    /// <c>EventStoreConfiguration</c>). These timings bound how long a dead node's work waits: heartbeats every 2 s, a node silent
    /// for 7 s is stale and its agents move (under 15 s in all); the durable inbox, outbox and scheduled messages are polled every 2 s,
    /// so work a killed node owned resumes within 10 s of it coming back (or of its death being noticed). Readiness shows
    /// this node's share; <see cref="ClusterStatus.AllNodes"/> every node's, for an operator's view.
    /// </summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureWolverine(options =>
        {
            options.Durability.HealthCheckPollingTime = 2.Seconds();
            options.Durability.StaleNodeTimeout = 7.Seconds();
            options.Durability.CheckAssignmentPeriod = 5.Seconds();
            options.Durability.ScheduledJobPollingTime = 2.Seconds();
            options.Durability.NodeReassignmentPollingTime = 2.Seconds();
        });
        builder.Services.AddSingleton<ClusterStatus>();
        // Wolverine registers Marten's coordinator interface; code that asks for JasperFx's (rebuilds, tests) finds the same daemon.
        builder.Services.AddSingleton<JasperFx.Events.Daemon.IProjectionCoordinator>(services =>
            services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>());
        return builder;
    }
}
