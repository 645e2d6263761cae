using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Projections.Communities;
using Platform.Projections.Ledger;
using Platform.Api.Commerce;
using Platform.Contracts.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Audit;

public sealed class AuditShopApp : PlatformApp
{
    public const string WebhookSecret = "whsec_audit_tests";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Payments:RenewalGracePeriod"] = "00:00:02",
        ["Stripe:WebhookSecret"] = WebhookSecret,
    };
}

/// <summary>Every event records who did it, under which request, caused by which message, and from where (FAUD).</summary>
public sealed class when_finance_reads_the_audit_trail(AuditShopApp app) : IClassFixture<AuditShopApp>
{
    private static string NewUser(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    /// <summary>A creator with a finished payout account selling a one-time course, or (with an interval) a membership.</summary>
    private async Task<(string Creator, string Community, string Product)> OpenShop(string interval = "ONE_TIME")
    {
        var creator = NewUser("seller");
        var client = app.Client(creator);
        var membership = interval != "ONE_TIME";
        var community = (await client.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Audited", slug = $"aud-{Guid.NewGuid():N}"[..20], joinPolicy = membership ? "PAID" : "OPEN" } }))
            .GetProperty("createCommunity").GetProperty("id").GetString()!;
        var product = community;
        if (!membership)
        {
            product = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Paid\", access: PAID }) { id } }", new { c = community }))
                .GetProperty("createCourse").GetProperty("id").GetString()!;
            var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"M\" }) { draft { id } } }", new { c = product }))
                .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
            await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"L\" }) { id } }", new { m = module });
        }
        await client.Data("mutation($p: ID!, $i: SetPriceInput!) { setPrice(productId: $p, input: $i) { id } }",
            new { p = product, i = new { amount = 2000, currency = "eur", interval } });
        // A PAID course is published once it has a price.
        if (!membership) await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = product });
        var url = (await client.Data("mutation { startPayoutOnboarding { onboardingUrl } }")).GetProperty("startPayoutOnboarding").GetProperty("onboardingUrl").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync(new Uri(url).PathAndQuery, null)).StatusCode);
        return (creator, community, product);
    }

    private const string Trail = "query($t: AuditEntityType!, $id: ID!, $first: Int, $after: String) { auditTrail(entityType: $t, entityId: $id, first: $first, after: $after) { nodes { sequence version type data at actor correlationId causationId source } pageInfo { hasNextPage endCursor } } }";

    private static async Task<Guid> Checkout(GraphQLClient buyer, string product) => Guid.Parse((await buyer.Data(
            "mutation Buy($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }", new { p = product }))
        .GetProperty("startCheckout").GetProperty("checkoutId").GetString()!);

    private static string Source(IEvent e) => e.GetHeader("source")?.ToString() ?? "";

    private async Task<IReadOnlyList<IEvent>> Eventually(Guid stream, Func<IReadOnlyList<IEvent>, bool> done)
    {
        var events = await Given.Eventually(() => app.EventsOf(stream), done);
        Assert.True(done(events), $"Still not there: {string.Join(", ", events.Select(e => e.EventTypeName))}");
        return events;
    }

    [Fact]
    public async Task a_purchase_records_the_buyer_for_its_checkout_and_the_provider_for_its_payment_and_finance_pages_through_it()
    {
        var shop = await OpenShop();
        var buyerName = NewUser("buyer");
        var buyer = app.Client(buyerName);
        await buyer.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.Community });
        var purchaseId = await Checkout(buyer, shop.Product);
        await buyer.Data("mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { id } }", new { c = purchaseId });

        // The provider's fee is recorded later, by a queued message: it still carries the webhook it came from.
        var events = await Eventually(purchaseId, es => es.Any(e => e.Data is ProviderFeeCharged));
        var started = Assert.Single(events, e => e.Data is CheckoutStarted);
        Assert.Equal((PlatformApp.UserId(buyerName).ToString(), "graphql:Buy"), (started.UserName, Source(started)));
        Assert.False(string.IsNullOrEmpty(started.CorrelationId));
        Assert.False(string.IsNullOrEmpty(started.CausationId));
        var paid = Assert.Single(events, e => e.Data is PaymentSucceeded);
        var providerEvent = ((PaymentSucceeded)paid.Data).ProviderEventId;
        Assert.StartsWith("evt_local_", providerEvent);
        Assert.Equal(($"webhook:{providerEvent}", $"webhook:{providerEvent}"), (paid.UserName, Source(paid)));
        Assert.NotEqual(started.CorrelationId, paid.CorrelationId); // two requests
        var fee = Assert.Single(events, e => e.Data is ProviderFeeCharged);
        Assert.Equal(($"webhook:{providerEvent}", $"webhook:{providerEvent}", paid.CorrelationId), (fee.UserName, Source(fee), fee.CorrelationId));
        Assert.NotEqual(paid.CausationId, fee.CausationId); // another message appended it

        // Finance reads it all, oldest first, one page at a time.
        var finance = app.Client(NewUser("fin"), "finance");
        var all = (await finance.Data(Trail, new { t = "PURCHASE", id = purchaseId })).GetProperty("auditTrail").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(events.Select(e => e.Version), all.Select(n => n.GetProperty("version").GetInt64()));
        Assert.Equal(events.Select(e => e.EventType.Name), all.Select(n => n.GetProperty("type").GetString()));
        var payment = all.Single(n => n.GetProperty("type").GetString() == nameof(PaymentSucceeded));
        Assert.Equal($"webhook:{providerEvent}", payment.GetProperty("actor").GetString());
        Assert.Equal($"webhook:{providerEvent}", payment.GetProperty("source").GetString());
        Assert.Equal(paid.Sequence, payment.GetProperty("sequence").GetInt64());
        Assert.Equal(2000, JsonSerializer.Deserialize<PaymentSucceeded>(payment.GetProperty("data").GetString()!, JsonSerializerOptions.Web)!.Gross);
        Assert.Equal("graphql:Buy", all[0].GetProperty("source").GetString());

        var page = (await finance.Data(Trail, new { t = "PURCHASE", id = purchaseId, first = 1 })).GetProperty("auditTrail");
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var rest = (await finance.Data(Trail, new { t = "PURCHASE", id = purchaseId, first = 100, after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString() }))
            .GetProperty("auditTrail");
        Assert.Equal(all.Skip(1).Select(n => n.GetProperty("sequence").GetInt64()),
            rest.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()));
        Assert.False(rest.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        // The product's creator reads their own purchase's history, not their community's; no one else reads either.
        var creator = app.Client(shop.Creator);
        Assert.Equal(all.Count, (await creator.Data(Trail, new { t = "PURCHASE", id = purchaseId })).GetProperty("auditTrail").GetProperty("nodes").GetArrayLength());
        Assert.Equal("NOT_FOUND", (await creator.Send(Trail, new { t = "COMMUNITY", id = shop.Community })).FirstErrorCode);
        var otherCreator = app.Client(NewUser("other"));
        await otherCreator.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Other", slug = $"oth-{Guid.NewGuid():N}"[..20] } });
        Assert.Equal("NOT_FOUND", (await otherCreator.Send(Trail, new { t = "PURCHASE", id = purchaseId })).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await buyer.Send(Trail, new { t = "PURCHASE", id = purchaseId })).FirstErrorCode);
        Assert.Equal("NOT_FOUND", (await finance.Send(Trail, new { t = "SUBSCRIPTION", id = purchaseId })).FirstErrorCode); // not a subscription
        var admin = app.Client(NewUser("adm"), "admin");
        var community = (await admin.Data(Trail, new { t = "COMMUNITY", id = shop.Community })).GetProperty("auditTrail").GetProperty("nodes");
        Assert.Equal("graphql:createCommunity", community[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task a_stripe_webhook_processed_later_on_the_queue_still_acts_as_that_webhook()
    {
        var shop = await OpenShop();
        var buyer = app.Client(NewUser("buyer"));
        await buyer.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.Community });
        var purchaseId = await Checkout(buyer, shop.Product);
        var payload = LocalStripeEvents.Event("checkout.session.completed", new JsonObject
        {
            ["id"] = $"cs_local_{purchaseId:N}", ["object"] = "checkout.session", ["client_reference_id"] = purchaseId.ToString(),
            ["metadata"] = LocalStripeEvents.Metadata(("purchase_id", purchaseId)), ["status"] = "complete", ["payment_status"] = "paid",
            ["mode"] = "payment", ["payment_intent"] = LocalStripeEvents.PaymentIntentId(purchaseId), ["amount_total"] = 2000, ["currency"] = "eur",
        }, DateTimeOffset.UtcNow);
        var eventId = JsonNode.Parse(payload)!["id"]!.GetValue<string>();
        var time = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = $"t={time},v1={Stripe.EventUtility.ComputeSignature(AuditShopApp.WebhookSecret, time.ToString(), payload)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        var response = await app.Host.Server.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var events = await Eventually(purchaseId, es => es.Any(e => e.Data is PaymentSucceeded));
        var paid = events.Single(e => e.Data is PaymentSucceeded);
        Assert.Equal(($"webhook:{eventId}", $"webhook:{eventId}"), (paid.UserName, Source(paid)));
        Assert.False(string.IsNullOrEmpty(paid.CorrelationId));
        Assert.False(string.IsNullOrEmpty(paid.CausationId));
    }

    [Fact]
    public async Task a_subscription_ended_by_the_grace_schedule_records_the_schedule()
    {
        var shop = await OpenShop(interval: "MONTH");
        var buyer = app.Client(NewUser("subscriber"));
        var purchaseId = await Checkout(buyer, shop.Product);
        await buyer.Data("mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { id } }", new { c = purchaseId });
        var subscription = Guid.Parse((await buyer.Data("{ mySubscriptions { id } }")).GetProperty("mySubscriptions")[0].GetProperty("id").GetString()!);
        await buyer.Data("mutation($s: ID!) { renewLocalSubscription(subscriptionId: $s, outcome: DECLINED) { id } }", new { s = subscription });

        var events = await Eventually(subscription, es => es.Any(e => e.Data is SubscriptionEnded));
        var ended = events.Single(e => e.Data is SubscriptionEnded);
        Assert.Equal(("schedule:renewal-grace", "schedule:renewal-grace"), (ended.UserName, Source(ended)));
        var failed = events.Single(e => e.Data is SubscriptionPaymentFailed);
        Assert.StartsWith("webhook:evt_local_", failed.UserName);

        // The creator reads their subscription's history too.
        var trail = (await app.Client(shop.Creator).Data(Trail, new { t = "SUBSCRIPTION", id = subscription })).GetProperty("auditTrail").GetProperty("nodes");
        Assert.Equal("schedule:renewal-grace", trail[trail.GetArrayLength() - 1].GetProperty("actor").GetString());
    }

    /// <summary>Runs the host's own command line in a process of its own, against this fixture's database.</summary>
    private async Task<(int Exit, string Out, string Error)> Host(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Platform.Api.dll"), .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            Environment = { ["PLATFORM_DB"] = app.ConnectionString, ["Auth__KeyPath"] = PlatformApp.KeyPath, ["DOTNET_ENVIRONMENT"] = "Development" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task export_events_writes_the_chosen_types_as_one_json_object_a_line_in_sequence_order()
    {
        var shop = await OpenShop();
        var buyer = app.Client(NewUser("buyer"));
        await buyer.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.Community });
        var purchaseId = await Checkout(buyer, shop.Product);
        await buyer.Data("mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { id } }", new { c = purchaseId });
        var paid = (await app.EventsOf(purchaseId)).Single(e => e.Data is PaymentSucceeded);

        var (exit, output, error) = await Host("export-events", "--from", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"),
            "--types", "PaymentSucceeded,CheckoutStarted", "--out", "-", "--progress", "1");
        Assert.True(exit == 0, $"exit {exit}: {error} STDOUT: {output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains(l.GetProperty("type").GetString(), new[] { "PaymentSucceeded", "CheckoutStarted" }));
        var sequences = lines.Select(l => l.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var line = Assert.Single(lines, l => l.GetProperty("sequence").GetInt64() == paid.Sequence);
        Assert.Equal((purchaseId, paid.Version, paid.UserName, paid.CorrelationId, paid.CausationId),
            (line.GetProperty("streamId").GetGuid(), line.GetProperty("version").GetInt64(), line.GetProperty("userName").GetString(),
                line.GetProperty("correlationId").GetString(), line.GetProperty("causationId").GetString()));
        Assert.Equal(paid.UserName, line.GetProperty("headers").GetProperty("source").GetString());
        Assert.Equal(2000, JsonSerializer.Deserialize<PaymentSucceeded>(line.GetProperty("data").GetRawText(), JsonSerializerOptions.Web)!.Gross);
        Assert.Contains($"export-events: {lines.Count} events", error); // progress on stderr, every event here
        Assert.Contains($"done, {lines.Count} events", error);

        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.ndjson");
        (exit, _, error) = await Host("export-events", "--from", "2000-01-01", "--to", "2001-01-01", "--out", file);
        Assert.True(exit == 0, error);
        Assert.Equal("", await File.ReadAllTextAsync(file));
        File.Delete(file);
    }

    /// <summary>Every document of the async read models, as JSON in id order: what a rebuild must reproduce.</summary>
    private async Task<string[]> AsyncReadModels()
    {
        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        var serializer = store.Options.Serializer();
        await using var session = store.QuerySession();
        return
        [
            .. (await session.Query<CommunityCard>().ToListAsync()).OrderBy(d => d.Id).Select(serializer.ToJson),
            .. (await session.Query<MembershipView>().ToListAsync()).OrderBy(d => d.Id).Select(serializer.ToJson),
            .. (await session.Query<LedgerLine>().ToListAsync()).OrderBy(d => d.Id).Select(serializer.ToJson),
        ];
    }

    [Fact]
    public async Task rebuilding_every_async_projection_from_the_events_gives_the_same_documents_as_live()
    {
        var shop = await OpenShop();
        var buyers = new List<GraphQLClient>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var buyer = app.Client(NewUser("buyer"));
            await buyer.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.Community });
            await buyer.Data("mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { id } }", new { c = await Checkout(buyer, shop.Product) });
            buyers.Add(buyer);
        }
        var refunded = Guid.Parse((await buyers[0].Data("{ myPurchases { nodes { id } } }")).GetProperty("myPurchases").GetProperty("nodes")[0].GetProperty("id").GetString()!);
        await app.Client(shop.Creator).Data("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { amount: 500, reason: \"replay\" }) { id } }", new { p = refunded });
        await Eventually(refunded, es => es.Any(e => e.Data is PaymentRefunded));
        await buyers[1].Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { id } }", new { c = shop.Community });
        await app.WaitForProjections();
        var live = await AsyncReadModels();
        Assert.Contains(live, d => d.Contains(refunded.ToString())); // the ledger has the refund

        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync<CommunityCardProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<MembershipViewProjection>(CancellationToken.None);
        await daemon.RebuildProjectionAsync<LedgerProjection>(CancellationToken.None);

        Assert.Equal(live, await AsyncReadModels());
    }
}
