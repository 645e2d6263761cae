using System.Diagnostics;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Commerce;
using Platform.IntegrationTests.Support;
using Xunit.Abstractions;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Commerce;

/// <summary>Stripe mode, the first node reaching its database through a relay the test cuts: to the others it is a node that died.</summary>
public sealed class StripeBehindRelayApp : StripePlatformApp
{
    protected override bool BehindRelay => true;
}

public sealed class when_a_node_dies_with_webhooks_acknowledged(StripeBehindRelayApp app, ITestOutputHelper output) : IClassFixture<StripeBehindRelayApp>
{
    private readonly StripeShop shop = new(app);

    [Fact]
    public async Task a_restarted_node_processes_them_within_10_seconds()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 4000);
        var purchase = await shop.Checkout(creator, course);
        await shop.Pay(purchase);
        var refundId = (await app.Client(creator.User).Data("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { reason: \"Dies\" }) { refunds { id } } }",
            new { p = purchase.CheckoutId })).GetProperty("refundPurchase").GetProperty("refunds")[0].GetProperty("id").GetString()!;
        await shop.Request("POST", "/v1/refunds", r => r["metadata[refund_id]"] == refundId);

        // The node acknowledges the webhook and is caught processing it (its read of the refund at Stripe hangs); then it dies.
        app.Stripe.HoldRefundReads = new TaskCompletionSource();
        var created = FakeStripe.Event("refund.created", app.Stripe.RefundFor(refundId));
        await app.Stripe.Deliver(created);
        app.Relay.Cut();
        app.Stripe.HoldRefundReads.SetResult();

        var restarted = Stopwatch.StartNew();
        await using var next = await app.StartNode(app.ConnectionString);
        var started = restarted.Elapsed;
        var processedAfter = await Eventually(async () =>
        {
            await using var session = next.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<ProviderEventRecord>(created.Id) is { ProcessedAt: not null } ? restarted.Elapsed : (TimeSpan?)null;
        }, elapsed => elapsed is not null, TimeSpan.FromSeconds(90));

        Assert.True(processedAfter is not null, "The new node never processed the acknowledged webhook.");
        output.WriteLine($"start-up {started.TotalSeconds:F1} s, then processed after {(processedAfter - started)!.Value.TotalSeconds:F1} s");
        Assert.True(processedAfter - started <= TimeSpan.FromSeconds(10),
            $"The new node processed the acknowledged webhook {(processedAfter - started)!.Value.TotalSeconds:F1} s after it started (start-up took {started.TotalSeconds:F1} s).");
    }
}
