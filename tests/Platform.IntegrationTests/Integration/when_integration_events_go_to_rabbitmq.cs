using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Cluster;
using Platform.Api.Integration;
using Platform.Contracts.Commerce;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;
using RabbitMQ.Client;

namespace Platform.IntegrationTests.Integration;

/// <summary>The platform with integration events on, publishing to a private RabbitMQ node that the test can crash.</summary>
public sealed class RabbitApp : PlatformApp
{
    public RabbitBroker Broker { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RabbitMq:Uri"] = Broker.Uri };

    public override async Task InitializeAsync()
    {
        Broker = await RabbitBroker.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

/// <summary>
/// Another system's consumer: a durable queue bound to every integration message, read message by message and deduplicated on the
/// message id, as the contract tells consumers to do. It counts what it dropped as duplicates, and keeps one body per message id.
/// </summary>
public sealed class DeduplicatingConsumer(RabbitBroker broker, string queue)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<Guid, (string Type, JsonElement Body)> messages = [];

    public int Duplicates { get; private set; }

    public static async Task<DeduplicatingConsumer> Bind(RabbitBroker broker)
    {
        var queue = $"consumer-{Guid.NewGuid():N}";
        await using var connection = await broker.Connect();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(IntegrationConfiguration.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, IntegrationConfiguration.Exchange, "#");
        return new DeduplicatingConsumer(broker, queue);
    }

    /// <summary>Takes every message waiting in the queue; acknowledges each once it is recorded.</summary>
    public async Task Drain()
    {
        await using var connection = await broker.Connect();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } delivery)
        {
            var id = Guid.Parse(delivery.BasicProperties.MessageId!);
            var body = JsonSerializer.Deserialize<JsonElement>(Encoding.UTF8.GetString(delivery.Body.Span), Json);
            Assert.Equal(id, body.GetProperty("messageId").GetGuid());
            Assert.Equal(delivery.RoutingKey, body.GetProperty("type").GetString());
            if (!messages.TryAdd(id, (delivery.RoutingKey, body))) Duplicates++;
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
    }

    public IReadOnlyList<(Guid MessageId, JsonElement Body)> Of(string type) =>
        [.. messages.Where(m => m.Value.Type == type).Select(m => (m.Key, m.Value.Body))];
}

public sealed class when_integration_events_go_to_rabbitmq(RabbitApp app) : IClassFixture<RabbitApp>
{
    private readonly Shops shops = new(app);

    private async Task<List<(Guid Purchase, Guid Buyer)>> Buy(Shop shop, int count)
    {
        var bought = new List<(Guid, Guid)>();
        for (var i = 0; i < count; i++)
        {
            var buyer = Shops.NewUser("buyer");
            var paid = await Shops.Bought(await shops.Member(shop, buyer), shop);
            Assert.Equal("PAID", paid.GetProperty("status").GetString());
            bought.Add((Guid.Parse(paid.GetProperty("id").GetString()!), PlatformApp.UserId(buyer)));
        }
        return bought;
    }

    [Fact]
    public async Task every_acknowledged_purchase_reaches_a_deduplicating_consumer_exactly_once_across_a_broker_crash()
    {
        var consumer = await DeduplicatingConsumer.Bind(app.Broker);
        // The relay subscribes from the present, and the cluster's leader assigns it to a node a few seconds after start: a purchase
        // before it first runs is not its to publish.
        var relayRuns = await Given.Eventually(
            () => Task.FromResult(app.Host.Services.GetRequiredService<ClusterStatus>().ThisNode().Agents.Any(a => a.StartsWith(IntegrationRelay.Name))),
            runs => runs, TimeSpan.FromSeconds(60));
        Assert.True(relayRuns, "The integration relay never started on the node.");
        var shop = await shops.Open();

        var bought = await Buy(shop, 3);
        await app.Broker.Crash();
        bought.AddRange(await Buy(shop, 3)); // acknowledged while the broker is down: the messages wait in the outbox
        await app.Broker.Start();
        bought.AddRange(await Buy(shop, 3));

        var purchases = bought.Select(b => b.Purchase).ToHashSet();
        await Given.Eventually(async () =>
        {
            await consumer.Drain();
            return consumer.Of("purchase.paid.v1").Select(m => m.Body.GetProperty("purchaseId").GetGuid()).ToHashSet();
        }, seen => seen.IsSupersetOf(purchases), TimeSpan.FromSeconds(120));

        // Exactly once after deduplication: one message id per purchase, so no second message for a fact slipped past the consumer.
        var paid = consumer.Of("purchase.paid.v1");
        Assert.Equal(purchases.Order(), paid.Select(m => m.Body.GetProperty("purchaseId").GetGuid()).Order());
        foreach (var (messageId, body) in paid)
        {
            var purchase = body.GetProperty("purchaseId").GetGuid();
            var payment = (await app.EventsOf(purchase)).Single(e => e.Data is PaymentSucceeded);
            Assert.Equal(IntegrationRelay.MessageIdOf(payment.Id), messageId); // stable: derived from the event, not from the attempt
            Assert.Equal(bought.Single(b => b.Purchase == purchase).Buyer, body.GetProperty("buyerId").GetGuid());
            Assert.Equal(4900, body.GetProperty("gross").GetInt64());
        }
        // The same buyers' joins and enrolments travelled the same way.
        var buyers = bought.Select(b => b.Buyer).Order().ToList();
        await Given.Eventually(async () => { await consumer.Drain(); return consumer.Of("enrolment.started.v1").Count; }, n => n >= buyers.Count);
        Assert.Equal(buyers, consumer.Of("member.joined.v1").Select(m => m.Body.GetProperty("userId").GetGuid())
            .Where(user => user != PlatformApp.UserId(shop.Creator)).Order());
        Assert.Equal(buyers, consumer.Of("enrolment.started.v1").Select(m => m.Body.GetProperty("userId").GetGuid()).Order());
    }
}
