using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Hosting;

public sealed class TracedPlatformApp : PlatformApp
{
    public List<Activity> Spans { get; } = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" };

    // The app's own tracing set-up, with the in-memory exporter beside (instead of) OTLP.
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
}

/// <summary>OpenTelemetry traces: one mutation is one trace, from the HTTP request through the resolver and handler to the commit.</summary>
public sealed class when_tracing_is_on(TracedPlatformApp app) : IClassFixture<TracedPlatformApp>
{
    [Fact]
    public async Task one_mutation_is_one_trace_spanning_the_resolver_the_wolverine_handler_and_the_marten_commit()
    {
        var slug = $"traced-{Guid.NewGuid():N}"[..20];

        await app.Client("tracy", "member").Data(
            "mutation Traced($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }", new { i = new { name = "Traced", slug } });

        // The request's own span ends (and is exported) only after the response went out: wait for it rather than race it.
        var spans = await Given.Eventually(() =>
        {
            lock (app.Spans) return Task.FromResult<Activity[]>([.. app.Spans]);
        }, all => all.Any(s => s.Source.Name == "Microsoft.AspNetCore" && all.Any(o => o.TraceId == s.TraceId && o.DisplayName == "mutation Traced")));
        var operation = Assert.Single(spans, s => s.Source.Name == "Platform.GraphQL" && s.DisplayName == "mutation Traced");
        var trace = spans.Where(s => s.TraceId == operation.TraceId).ToList();
        var request = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore");
        var resolver = Assert.Single(trace, s => s.DisplayName == "resolve createCommunity");
        var handler = Assert.Single(trace, s => s.Source.Name == "Wolverine" && IsBelow(s, resolver, trace));
        Assert.Contains(trace, s => s.Source.Name == "Marten" && IsBelow(s, handler, trace));
        Assert.Null(request.Parent); // the trace starts at the request: one trace, not several stitched together
        Assert.Equal(ActivityStatusCode.Unset, operation.Status);
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/>, following parent span ids.</summary>
    private static bool IsBelow(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            var next = trace.FirstOrDefault(s => s.SpanId == parent);
            if (next is null) return false;
            parent = next.ParentSpanId;
        }
        return false;
    }
}
