using Marten;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Hosting;

public sealed class MeteredPlatformApp : PlatformApp
{
    public List<MetricSnapshot> Metrics { get; } = [];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" };

    // The app's own metrics set-up, with the in-memory exporter beside (instead of) OTLP.
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));

    /// <summary>Collects every instrument now and returns the points of the latest collection, by metric name.</summary>
    public ILookup<string, MetricPoint> Collect()
    {
        lock (Metrics) Metrics.Clear();
        Assert.True(Host.Services.GetRequiredService<MeterProvider>().ForceFlush());
        lock (Metrics) return Metrics.SelectMany(m => m.MetricPoints.Select(p => (m.Name, p))).ToLookup(x => x.Name, x => x.p);
    }
}

/// <summary>OpenTelemetry metrics: payments by status, projection lag per shard and queue depths.</summary>
public sealed class when_metrics_are_on(MeteredPlatformApp app) : IClassFixture<MeteredPlatformApp>
{
    [Fact]
    public async Task a_purchase_and_its_refund_are_counted_by_status_and_lag_and_queue_depth_are_reported()
    {
        var shops = new Shops(app);
        var shop = await shops.Open(amount: 1000);
        var buyer = await shops.Member(shop);
        var purchaseId = (await Shops.Bought(buyer, shop)).GetProperty("id").GetString()!;
        await app.Client(shop.Creator).Data(
            "mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { reason: \"changed mind\" }) { status } }", new { p = purchaseId });
        await Shops.Eventually(async () => (await buyer.Data(Shops.PurchaseQuery, new { id = purchaseId })).GetProperty("purchase"),
            p => p.GetProperty("status").GetString() == "REFUNDED");
        await app.WaitForProjections();

        var points = app.Collect();

        var payments = points["platform.payments"].ToDictionary(p => Tag(p, "status"), p => p.GetSumLong());
        Assert.True(payments.GetValueOrDefault("succeeded") >= 1, $"payments: {string.Join(", ", payments)}");
        Assert.True(payments.GetValueOrDefault("refunded") >= 1, $"payments: {string.Join(", ", payments)}");

        var shards = (await app.Host.Services.GetRequiredService<IDocumentStore>().Advanced.AllProjectionProgress())
            .Select(s => s.ShardName).Where(name => !name.StartsWith("HighWater")).ToHashSet();
        var lag = points["platform.projection.lag"].ToDictionary(p => Tag(p, "shard"), p => p.GetGaugeLastValueLong());
        Assert.NotEmpty(shards);
        Assert.Equal(shards, lag.Keys.ToHashSet());
        Assert.All(lag.Values, value => Assert.True(value >= 0));

        var depth = points["platform.queue.depth"].ToDictionary(p => Tag(p, "direction"), p => p.GetGaugeLastValueLong());
        Assert.Equal(["incoming", "outgoing"], depth.Keys.Order());
        Assert.All(depth.Values, value => Assert.True(value >= 0));
    }

    private static string Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return (string)tag.Value!;
        throw new InvalidOperationException($"No {key} tag");
    }
}
