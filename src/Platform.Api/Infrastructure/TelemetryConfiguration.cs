using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.OpenTelemetry;
using Marten;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Api.Infrastructure;

/// <summary>
/// OpenTelemetry: traces (ASP.NET Core, our GraphQL operations and root resolvers, Wolverine handlers, Marten sessions and
/// commits, Npgsql commands, HttpClient calls to providers) and metrics (requests and GraphQL operations by name,
/// payments by status, projection lag, queue depths (<see cref="OperationsMetrics"/>), Wolverine's and Marten's meters, runtime). On when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (exported over OTLP,
/// configured by the standard <c>OTEL_*</c> variables) or <c>Telemetry__Enabled</c> is true; off, nothing is recorded.
/// </summary>
public static class TelemetryConfiguration
{
    public const string ServiceName = "platform-api";
    public static readonly ActivitySource GraphQL = new("Platform.GraphQL");
    public static readonly Meter Meter = new("Platform.GraphQL");
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "graphql.server.operation.duration", "s", "GraphQL operations by name and type, over either transport.");

    // Wolverine's and Marten's own sources and meters, and Npgsql's.
    private static readonly string[] Sources = [GraphQL.Name, "Wolverine", "Marten", "Npgsql"];
    private static readonly string[] Meters = [Meter.Name, OperationsMetrics.MeterName, "Wolverine", "Marten", "Npgsql"];

    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!builder.Configuration.GetValue("Telemetry:Enabled", !string.IsNullOrEmpty(otlp))) return builder;
        builder.Services.ConfigureMarten(options =>
        {
            options.OpenTelemetry.TrackConnections = TrackLevel.Normal; // a span per session's connection use: the commit's
            options.OpenTelemetry.TrackEventCounters();
            options.Listeners.Add(new PaymentsCounter());
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddInstrumentation(services => ActivatorUtilities.CreateInstance<OperationsGauges>(services))
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrEmpty(otlp)) telemetry.UseOtlpExporter();
        return builder;
    }
}
