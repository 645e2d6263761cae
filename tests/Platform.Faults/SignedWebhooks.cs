using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Commerce;

namespace Platform.Faults;

/// <summary>
/// The provider's side of a payment, as Stripe sends it: events in Stripe's format (the local provider's own builder), signed
/// with the endpoint's secret as Stripe signs them (<c>t=…,v1=HMAC-SHA256(t.body)</c>), posted to <c>/webhooks/stripe</c> on
/// whichever node is up, each one twice (Stripe delivers at least once), the refund before the payment it refunds.
/// </summary>
public sealed class SignedWebhooks(Nodes nodes)
{
    public const string Secret = "whsec_platform_fault_suite";

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static string Paid(Guid purchase, long amount, string currency) => LocalStripeEvents.Event("checkout.session.completed", new JsonObject
    {
        ["id"] = $"cs_local_{purchase:N}", ["object"] = "checkout.session", ["client_reference_id"] = purchase.ToString(),
        ["metadata"] = LocalStripeEvents.Metadata(("purchase_id", purchase)), ["status"] = "complete", ["payment_status"] = "paid",
        ["mode"] = "payment", ["payment_intent"] = LocalStripeEvents.PaymentIntentId(purchase), ["amount_total"] = amount, ["currency"] = currency,
    }, DateTimeOffset.UtcNow, id: $"evt_fault_paid_{purchase:N}");

    /// <summary>A refund made on the provider's side (its dashboard), so it carries no refund id of ours.</summary>
    public static string Refunded(Guid purchase, long amount, string currency) => LocalStripeEvents.Event("refund.created", new JsonObject
    {
        ["id"] = $"re_fault_{purchase:N}", ["object"] = "refund", ["amount"] = amount, ["currency"] = currency, ["status"] = "succeeded",
        ["payment_intent"] = LocalStripeEvents.PaymentIntentId(purchase), ["metadata"] = LocalStripeEvents.Metadata(("purchase_id", purchase)),
    }, DateTimeOffset.UtcNow, id: $"evt_fault_refund_{purchase:N}");

    /// <summary>Delivers <paramref name="payload"/> twice; acknowledged when a delivery got a 2xx, rejected when every one got a 4xx.</summary>
    public async Task<Outcome> Deliver(string payload)
    {
        var outcomes = new List<Outcome>();
        for (var delivery = 0; delivery < 2; delivery++) outcomes.Add(await Post(payload));
        return outcomes.Contains(Outcome.Ok) ? Outcome.Ok : outcomes.All(o => o == Outcome.Rejected) ? Outcome.Rejected : Outcome.Unknown;
    }

    private async Task<Outcome> Post(string payload)
    {
        (string Url, Platform.Benchmarks.GraphQLApi Client)? node;
        while ((node = nodes.Any()) is null) await Task.Delay(100);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{node.Value.Url}/webhooks/stripe")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", $"t={timestamp},v1={signature}");
        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode ? Outcome.Ok
                : (int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests ? Outcome.Rejected
                : Outcome.Unknown;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return Outcome.Unknown; }
    }
}
