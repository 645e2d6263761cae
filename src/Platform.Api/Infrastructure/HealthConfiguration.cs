using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Api.Cluster;
using Platform.Api.Live;

namespace Platform.Api.Infrastructure;

public static class HealthConfiguration
{
    public static WebApplicationBuilder AddPlatformHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: database reachable, schema applied, live listener running; which share of the work this node runs.</summary>
    public static WebApplication MapPlatformHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReport });
        return app;
    }

    /// <summary>The status and what each check found, e.g. <c>{"status":"Healthy","node":1,"leader":true,"agents":["leader","ledger/all"]}</c>.</summary>
    private static Task WriteReport(HttpContext http, HealthReport report)
    {
        var body = new Dictionary<string, object?> { ["status"] = report.Status.ToString() };
        foreach (var entry in report.Entries.Values)
        {
            body["description"] = entry.Description;
            foreach (var (key, value) in entry.Data) body[key] = value;
        }
        return http.Response.WriteAsJsonAsync(body);
    }

    private sealed class ReadinessCheck(IDocumentStore store, ClusterStatus cluster, LiveEventListener live) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Counting a projected table proves both the connection and the applied schema.
                await using var session = store.QuerySession();
                await session.Query<Projections.Communities.CommunityCard>().Take(1).ToListAsync(cancellationToken);
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy(Failures.IsDatabaseUnavailable(e)
                    ? $"The database is not reachable: {e.GetBaseException().Message}"
                    : $"The database's schema is not applied or cannot be read: {e.GetBaseException().Message}", e);
            }
            if (!live.IsListening) return HealthCheckResult.Unhealthy("The live event listener is not connected.");
            // Every node is ready; the leader assigns the async projections and subscriptions, and each node runs its share.
            var work = cluster.ThisNode();
            return HealthCheckResult.Healthy(work.Leader ? "Leads the cluster." : "Runs its share of the cluster's work.",
                new Dictionary<string, object> { ["node"] = work.Node, ["leader"] = work.Leader, ["agents"] = work.Agents });
        }
    }
}
