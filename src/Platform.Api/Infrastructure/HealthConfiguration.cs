using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Api.Live;

namespace Platform.Api.Infrastructure;

public static class HealthConfiguration
{
    public static WebApplicationBuilder AddPlatformHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: database reachable, schema applied, daemon and live listener running.</summary>
    public static WebApplication MapPlatformHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteReport });
        return app;
    }

    /// <summary>The status and what each check found, e.g. <c>{"status":"Healthy","daemon":"leader"}</c>.</summary>
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

    private sealed class ReadinessCheck(IDocumentStore store, IProjectionCoordinator daemon, LiveEventListener live) : IHealthCheck
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
            // HotCold: one node leads the projection daemon, the others stand by to take over; both are ready.
            var leading = daemon.DaemonForMainDatabase().IsRunning;
            return HealthCheckResult.Healthy(leading ? "Projection daemon: leading." : "Projection daemon: standing by.",
                new Dictionary<string, object> { ["daemon"] = leading ? "leader" : "standby" });
        }
    }
}
