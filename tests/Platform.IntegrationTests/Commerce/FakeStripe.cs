using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.IntegrationTests.Support;
using Stripe;

namespace Platform.IntegrationTests.Commerce;

/// <summary>One request the app sent to the fake, as it came over the wire.</summary>
public sealed record StripeRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Form, string? Authorization, string? IdempotencyKey, string? StripeAccount,
    string? StripeVersion, bool Replayed)
{
    public string? this[string key] => Form.GetValueOrDefault(key);
}

/// <summary>A webhook event as Stripe renders it: its id, type and the exact JSON that is signed.</summary>
public sealed record StripeWebhook(string Id, string Type, string Json, string? Account);

/// <summary>
/// A local stand-in for Stripe's v1 API as Stripe.net 53 speaks it: form bodies with bracket keys, bearer secret keys,
/// idempotency keys (a repeated key gets the first response back and acts once), Stripe's error envelopes; and a sender of
/// signed webhooks in Stripe's event format, written from Stripe's documented object shapes.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_51PlatformTests";
    public const string WebhookSecret = "whsec_platform_test_secret";
    public const string ConnectWebhookSecret = "whsec_connect_test_secret";

    private readonly object gate = new();
    private readonly Dictionary<string, (string Method, string Path, string Form, int Status, string Body)> idempotent = [];
    private readonly Dictionary<string, JsonObject> accounts = [];
    private readonly Dictionary<string, JsonObject> sessions = [];
    private readonly Dictionary<string, FakePayment> payments = [];
    private readonly Dictionary<string, JsonObject> refunds = [];
    private readonly Dictionary<string, JsonObject> transferReversals = [];
    private readonly Dictionary<string, JsonObject> subscriptions = [];
    private readonly ConcurrentQueue<(string Path, int Status, string Type, string Message)> refusals = new();
    private WebApplication server = null!;

    public string Origin { get; private set; } = "";
    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<StripeRequest> Requests { get; } = new();
    /// <summary>Where webhooks go: the app under test.</summary>
    public Func<HttpClient> App { get; set; } = () => throw new InvalidOperationException("The app is not started.");

    public static async Task<FakeStripe> Start()
    {
        var fake = new FakeStripe();
        (fake.server, fake.Origin) = await LoopbackServer.Start(app => app.Map("/v1/{**path}", fake.Handle));
        return fake;
    }

    public IReadOnlyList<StripeRequest> To(string method, string path) => Requests.Where(r => r.Method == method && r.Path == path).ToList();

    /// <summary>The next request to <paramref name="path"/> is refused with a Stripe error.</summary>
    public void RefuseNext(string path, int status, string type, string message) => refusals.Enqueue((path, status, type, message));

    // ---- the API ----

    /// <summary>The next this many reads of a payment that ask for its charge's transfer show none yet (Stripe has not made it).</summary>
    public int WithheldTransfers { get; set; }

    /// <summary>While set and not completed, reads of a refund wait for it: the app is caught mid-way through processing a refund.</summary>
    public TaskCompletionSource? HoldRefundReads { get; set; }

    private async Task Handle(HttpContext http)
    {
        if (http.Request.Method == "GET" && http.Request.Path.StartsWithSegments("/v1/refunds") && HoldRefundReads is { } hold) await hold.Task;
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var form = ParseForm(http.Request.Method == "GET" ? http.Request.QueryString.Value?.TrimStart('?') ?? "" : body);
        var key = Header(http, "Idempotency-Key");
        var path = http.Request.Path.Value!;
        var method = http.Request.Method;
        int status;
        string response;
        bool replayed;
        lock (gate)
        {
            (status, response, replayed) = Respond(http, method, path, body, form, key);
        }
        Requests.Enqueue(new StripeRequest(method, path, form, Header(http, "Authorization"), key, Header(http, "Stripe-Account"),
            Header(http, "Stripe-Version"), replayed));
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        if (replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        if (key is not null) http.Response.Headers["Idempotency-Key"] = key;
        http.Response.Headers["Request-Id"] = $"req_{Guid.NewGuid():N}"[..18];
        await http.Response.WriteAsync(response);
    }

    private static string? Header(HttpContext http, string name) => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private (int, string, bool) Respond(HttpContext http, string method, string path, string body, Dictionary<string, string> form, string? key)
    {
        if (http.Request.Headers.Authorization != $"Bearer {SecretKey}")
            return (401, Error("invalid_request_error", $"Invalid API Key provided: {http.Request.Headers.Authorization}"), false);
        if (key is not null && idempotent.TryGetValue(key, out var earlier))
        {
            if (earlier.Method != method || earlier.Path != path || earlier.Form != body)
                return (400, Error("idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."), false);
            return (earlier.Status, earlier.Body, true);
        }
        if (refusals.TryPeek(out var refusal) && refusal.Path == path && refusals.TryDequeue(out refusal))
            return (refusal.Status, Error(refusal.Type, refusal.Message), false);
        var (status, result) = Act(method, path, Nest(form), Header(http, "Stripe-Account"));
        if (key is not null && status is >= 200 and < 300) idempotent[key] = (method, path, body, status, result);
        return (status, result, false);
    }

    private (int, string) Act(string method, string path, JsonObject p, string? connected)
    {
        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("POST", ["v1", "accounts"]):
            {
                if ((string?)p["type"] is not ("express" or "standard" or "custom")) return Invalid("Missing required param: type.", "type");
                var id = NewId("acct_");
                var account = new JsonObject
                {
                    ["id"] = id, ["object"] = "account", ["type"] = (string?)p["type"], ["charges_enabled"] = false, ["payouts_enabled"] = false,
                    ["details_submitted"] = false, ["metadata"] = p["metadata"]?.DeepClone() ?? new JsonObject(),
                    ["requirements"] = new JsonObject { ["currently_due"] = new JsonArray("external_account", "tos_acceptance.date"), ["disabled_reason"] = "requirements.past_due" },
                    ["created"] = Now(),
                };
                accounts[id] = account;
                return Ok(account);
            }
            case ("POST", ["v1", "account_links"]):
            {
                if ((string?)p["account"] is not { } account) return Invalid("Missing required param: account.", "account");
                if (!accounts.ContainsKey(account)) return Invalid($"No such account: '{account}'", "account");
                if ((string?)p["type"] is not ("account_onboarding" or "account_update")) return Invalid("Missing required param: type.", "type");
                if (p["return_url"] is null || p["refresh_url"] is null) return Invalid("Missing required param: return_url.", "return_url");
                return Ok(new JsonObject
                {
                    ["object"] = "account_link", ["created"] = Now(), ["expires_at"] = Now() + 300,
                    ["url"] = $"https://connect.stripe.com/setup/e/{account}/{Guid.NewGuid():N}",
                });
            }
            case ("POST", ["v1", "checkout", "sessions"]):
            {
                var mode = (string?)p["mode"];
                if (mode is not ("payment" or "subscription" or "setup")) return Invalid("Missing required param: mode.", "mode");
                if (p["success_url"] is null) return Invalid("Missing required param: success_url.", "success_url");
                if (p["line_items"] is not JsonArray { Count: > 0 } items) return Invalid("Missing required param: line_items.", "line_items");
                var destination = (string?)(mode == "payment" ? p["payment_intent_data"]?["transfer_data"]?["destination"] : p["subscription_data"]?["transfer_data"]?["destination"]);
                if (destination is not null && !accounts.ContainsKey(destination)) return Invalid($"No such destination: '{destination}'", "destination");
                if (mode == "subscription" && items[0]?["price_data"]?["recurring"] is null)
                    return Invalid("You must provide at least one recurring price in `subscription` mode when using prices.", "line_items");
                if (mode == "payment" && p["payment_intent_data"]?["application_fee_amount"] is null && destination is not null)
                    return Invalid("Destination charges need an application fee here.", "payment_intent_data");
                long total = 0;
                foreach (var item in items)
                    total += long.Parse((string?)item?["price_data"]?["unit_amount"] ?? "0") * long.Parse((string?)item?["quantity"] ?? "1");
                var id = NewId("cs_test_");
                var session = new JsonObject
                {
                    ["id"] = id, ["object"] = "checkout.session", ["mode"] = mode, ["status"] = "open", ["payment_status"] = "unpaid",
                    ["client_reference_id"] = p["client_reference_id"]?.DeepClone(), ["metadata"] = p["metadata"]?.DeepClone() ?? new JsonObject(),
                    ["amount_subtotal"] = total, ["amount_total"] = total, ["currency"] = (string?)items[0]?["price_data"]?["currency"],
                    ["expires_at"] = long.TryParse((string?)p["expires_at"], out var expires) ? expires : Now() + 86400,
                    ["success_url"] = p["success_url"]?.DeepClone(), ["url"] = $"https://checkout.stripe.com/c/pay/{id}",
                    ["payment_intent"] = null, ["subscription"] = null, ["created"] = Now(),
                    ["livemode"] = false,
                };
                sessions[id] = session;
                sessionRequests[id] = p;
                return Ok(session);
            }
            case ("POST", ["v1", "refunds"]):
            {
                if ((string?)p["payment_intent"] is not { Length: > 0 } intent) return Invalid("One of the following params should be provided for this request: charge or payment_intent.", "payment_intent");
                if (!payments.TryGetValue(intent, out var payment)) return Invalid($"No such payment_intent: '{intent}'", "payment_intent", 404);
                var amount = p["amount"] is { } asked ? long.Parse((string)asked!) : payment.Amount - payment.Refunded;
                if (amount > payment.Amount - payment.Refunded)
                    return Invalid($"Refund amount ({amount}) is greater than unrefunded amount on charge ({payment.Amount - payment.Refunded})", "amount");
                return Ok(MakeRefund(intent, amount, (string?)p["reverse_transfer"] == "true", (string?)p["refund_application_fee"] == "true",
                    p["metadata"]?.DeepClone() as JsonObject ?? new JsonObject(), reason: null));
            }
            case ("GET", ["v1", "refunds", var id]):
            {
                if (!refunds.TryGetValue(id, out var stored)) return Invalid($"No such refund: '{id}'", "id", 404);
                var refund = (JsonObject)stored.DeepClone();
                var expand = (p["expand"] as JsonArray)?.Select(e => (string?)e).ToList() ?? [];
                if (expand.Contains("transfer_reversal") && (string?)refund["transfer_reversal"] is { } reversal)
                    refund["transfer_reversal"] = transferReversals[reversal].DeepClone();
                if (expand.Contains("charge.application_fee"))
                {
                    var intent = (string)refund["payment_intent"]!;
                    var payment = payments[intent];
                    refund["charge"] = new JsonObject
                    {
                        ["id"] = $"ch_{intent[3..]}", ["object"] = "charge", ["payment_intent"] = intent, ["amount"] = payment.Amount, ["amount_refunded"] = payment.Refunded,
                        ["application_fee"] = ApplicationFee(intent, payment),
                    };
                }
                return Ok(refund);
            }
            case ("POST", ["v1", "subscriptions", var id]):
            {
                if (!subscriptions.TryGetValue(id, out var subscription)) return Invalid($"No such subscription: '{id}'", "id", 404);
                if ((string?)subscription["status"] == "canceled")
                    return Invalid("A canceled subscription can only update its cancellation_details and metadata.", null);
                if (p["cancel_at_period_end"] is { } cancel) subscription["cancel_at_period_end"] = (string?)cancel == "true";
                return Ok(subscription);
            }
            case ("DELETE", ["v1", "subscriptions", var id]):
            {
                if (!subscriptions.TryGetValue(id, out var subscription)) return Invalid($"No such subscription: '{id}'", "id", 404);
                subscription["status"] = "canceled";
                subscription["canceled_at"] = Now();
                return Ok(subscription);
            }
            case ("GET", ["v1", "payment_intents", var id]):
            {
                if (!payments.TryGetValue(id, out var payment)) return Invalid($"No such payment_intent: '{id}'", "id", 404);
                return Ok(new JsonObject
                {
                    ["id"] = id, ["object"] = "payment_intent", ["amount"] = payment.Amount, ["currency"] = payment.Currency, ["status"] = "succeeded",
                    ["latest_charge"] = new JsonObject
                    {
                        ["id"] = $"ch_{id[3..]}", ["object"] = "charge", ["payment_intent"] = id, ["amount"] = payment.Amount,
                        ["balance_transaction"] = ChargeTransaction(id, payment.Amount, payment.Currency),
                        ["transfer"] = WithheldTransfers > 0 && (p["expand"] as JsonArray)?.Any(e => (string?)e == "latest_charge.transfer") == true
                            && WithheldTransfers-- > 0 ? null : new JsonObject
                        {
                            ["id"] = $"tr_{id[3..]}", ["object"] = "transfer", ["amount"] = payment.Transfer, ["amount_reversed"] = payment.TransferReversed,
                            ["currency"] = payment.Currency, ["transfer_group"] = $"group_{id}",
                        },
                        ["application_fee"] = ApplicationFee(id, payment),
                    },
                });
            }
            case ("POST", ["v1", "transfers", var transfer, "reversals"]):
            {
                var intent = $"pi_{transfer[3..]}";
                if (!transfer.StartsWith("tr_") || !payments.TryGetValue(intent, out var payment)) return Invalid($"No such transfer: '{transfer}'", "id", 404);
                var left = payment.Transfer - payment.TransferReversed;
                var amount = p["amount"] is { } asked ? long.Parse((string)asked!) : left;
                if (amount < 1 || amount > left) return Invalid($"Transfer reversal amount ({amount}) is greater than the amount left on the transfer ({left}).", "amount");
                var after = payment.TransferReversed + amount;
                long Part(long whole, long reversed) => (whole * reversed * 2 + payment.Transfer) / (2 * payment.Transfer);
                var feeRefund = (string?)p["refund_application_fee"] == "true" && payment.ApplicationFee is { } fee
                    ? Part(fee, after) - Part(fee, payment.TransferReversed) + ApplicationFeeRefundSkew : 0;
                payments[intent] = payment with { TransferReversed = after, FeeRefunded = payment.FeeRefunded + feeRefund };
                var id = NewId("trr_");
                transferReversals[id] = new JsonObject
                {
                    ["id"] = id, ["object"] = "transfer_reversal", ["amount"] = amount, ["currency"] = payment.Currency, ["transfer"] = transfer,
                    ["source_refund"] = null, ["created"] = Now(), ["metadata"] = p["metadata"]?.DeepClone() ?? new JsonObject(),
                };
                return Ok(transferReversals[id]);
            }
            case ("GET", ["v1", "accounts"]):
                return List("/v1/accounts", accounts.Values);
            case ("GET", ["v1", "payouts"]):
                return List("/v1/payouts", connected is not null && payouts.TryGetValue(connected, out var paid) ? paid : []);
            case ("GET", ["v1", "balance_transactions"]):
            {
                var data = new JsonArray();
                if ((string?)p["payout"] is { } payout)
                {
                    foreach (var (intent, kind, amount, currency) in payoutSources.GetValueOrDefault(payout) ?? [])
                    {
                        var transfer = new JsonObject { ["id"] = NewId("tr_"), ["object"] = "transfer", ["transfer_group"] = $"group_{intent}", ["source_transaction"] = $"ch_{intent[3..]}" };
                        var charge = new JsonObject { ["id"] = NewId("py_"), ["object"] = "charge", ["amount"] = Math.Abs(amount), ["source_transfer"] = transfer };
                        data.Add(new JsonObject
                        {
                            ["id"] = NewId("txn_"), ["object"] = "balance_transaction", ["amount"] = amount, ["fee"] = 0, ["net"] = amount, ["currency"] = currency,
                            ["type"] = kind == "sale_share" ? "payment" : "payment_refund",
                            ["source"] = kind == "sale_share" ? charge : new JsonObject { ["id"] = NewId("pyr_"), ["object"] = "refund", ["amount"] = -amount, ["charge"] = charge },
                        });
                    }
                }
                else
                {
                    foreach (var (intent, payment) in payments) data.Add(ChargeTransaction(intent, payment.Amount, payment.Currency));
                    foreach (var refund in refunds.Values)
                        data.Add(new JsonObject
                        {
                            ["id"] = NewId("txn_"), ["object"] = "balance_transaction", ["type"] = "refund", ["amount"] = -(long)refund["amount"]!, ["fee"] = 0,
                            ["currency"] = (string?)refund["currency"], ["source"] = refund.DeepClone(),
                        });
                    foreach (var planted in plantedTransactions) data.Add(planted.DeepClone());
                }
                return Ok(new JsonObject { ["object"] = "list", ["url"] = "/v1/balance_transactions", ["has_more"] = false, ["data"] = data });
            }
            default:
                return (404, Error("invalid_request_error", $"Unrecognized request URL ({method}: {path})."));
        }
    }

    private static JsonObject? ApplicationFee(string intent, FakePayment payment) => payment.ApplicationFee is { } fee
        ? new JsonObject
        {
            ["id"] = $"fee_{intent[3..]}", ["object"] = "application_fee", ["amount"] = fee, ["amount_refunded"] = payment.FeeRefunded,
            ["refunded"] = payment.FeeRefunded == fee, ["currency"] = payment.Currency, ["originating_transaction"] = $"ch_{intent[3..]}",
        }
        : null;

    /// <summary>A payment as Stripe keeps it: a destination charge transfers the whole amount and takes the application fee back;
    /// a subscription's invoice transfers its percentage and has no fee object.</summary>
    private sealed record FakePayment(long Amount, string Currency, long? ApplicationFee, long Transfer)
    {
        public long Refunded { get; init; }
        public long FeeRefunded { get; init; }
        public long TransferReversed { get; init; }
    }

    /// <summary>Added to the application fee refunded by the next refunds and transfer reversals: a Stripe whose numbers differ from ours.</summary>
    public long ApplicationFeeRefundSkew { get; private set; }

    /// <summary>Runs <paramref name="act"/> against a Stripe whose application-fee refunds are off by <paramref name="skew"/>.</summary>
    public async Task<T> WithApplicationFeeRefundSkew<T>(long skew, Func<Task<T>> act)
    {
        ApplicationFeeRefundSkew = skew;
        try { return await act(); }
        finally { ApplicationFeeRefundSkew = 0; }
    }

    /// <summary>
    /// A refund as Stripe makes it: <c>reverse_transfer</c> reverses the transfer and <c>refund_application_fee</c> refunds the
    /// application fee, each in proportion to the part of the charge refunded so far (half-up), less what earlier refunds reversed.
    /// </summary>
    private JsonObject MakeRefund(string intent, long amount, bool reverseTransfer, bool refundFee, JsonObject metadata, string? reason)
    {
        var payment = payments[intent];
        var after = payment.Refunded + amount;
        long Part(long whole, long refunded) => (whole * refunded * 2 + payment.Amount) / (2 * payment.Amount);
        var feeRefund = refundFee && payment.ApplicationFee is { } fee ? Part(fee, after) - Part(fee, payment.Refunded) + ApplicationFeeRefundSkew : 0;
        var reversed = reverseTransfer ? Part(payment.Transfer, after) - Part(payment.Transfer, payment.Refunded) : 0;
        payments[intent] = payment with { Refunded = after, FeeRefunded = payment.FeeRefunded + feeRefund, TransferReversed = payment.TransferReversed + reversed };
        var id = NewId("re_");
        string? reversalId = null;
        if (reverseTransfer)
        {
            reversalId = NewId("trr_");
            transferReversals[reversalId] = new JsonObject
            {
                ["id"] = reversalId, ["object"] = "transfer_reversal", ["amount"] = reversed,
                ["currency"] = payment.Currency, ["source_refund"] = id, ["created"] = Now(), ["metadata"] = new JsonObject(),
            };
        }
        var refund = new JsonObject
        {
            ["id"] = id, ["object"] = "refund", ["amount"] = amount, ["currency"] = payment.Currency, ["payment_intent"] = intent,
            ["charge"] = $"ch_{intent[3..]}", ["status"] = "succeeded", ["reason"] = reason, ["created"] = Now(), ["metadata"] = metadata,
            ["transfer_reversal"] = reversalId,
        };
        refunds[id] = refund;
        return (JsonObject)refund.DeepClone();
    }

    private readonly Dictionary<string, JsonObject> sessionRequests = [];
    private readonly Dictionary<string, List<(string Intent, string Kind, long Amount, string Currency)>> payoutSources = [];
    private readonly List<JsonObject> plantedTransactions = [];

    /// <summary>Stripe's processing fee in this fake: 2.9 % (half-up) plus 30.</summary>
    public static long FeeOf(long amount) => (amount * 29 + 500) / 1000 + 30;

    private static JsonObject ChargeTransaction(string intent, long amount, string currency) => new()
    {
        ["id"] = $"txn_{intent[3..]}", ["object"] = "balance_transaction", ["type"] = "charge", ["amount"] = amount, ["fee"] = FeeOf(amount),
        ["net"] = amount - FeeOf(amount), ["currency"] = currency,
        ["source"] = new JsonObject { ["id"] = $"ch_{intent[3..]}", ["object"] = "charge", ["payment_intent"] = intent, ["amount"] = amount },
    };

    /// <summary>A payout of a connected account paid out these shares (negative: a refund's share taken back).</summary>
    public void BookPayout(string payoutId, params (string Intent, string Kind, long Amount, string Currency)[] sources)
    {
        lock (gate) payoutSources[payoutId] = [.. sources];
    }

    /// <summary>A balance transaction the platform never heard of, for reconciliation to find.</summary>
    public void PlantCharge(string intent, long amount, string currency)
    {
        lock (gate) plantedTransactions.Add(ChargeTransaction(intent, amount, currency));
    }

    public static JsonObject Payout(string payoutId, long amount, string currency, string status) => new()
    {
        ["id"] = payoutId, ["object"] = "payout", ["amount"] = amount, ["currency"] = currency, ["status"] = status, ["arrival_date"] = Now(),
        ["failure_message"] = status == "failed" ? "The bank account has been closed." : null, ["failure_code"] = status == "failed" ? "account_closed" : null,
    };

    private static (int, string) Ok(JsonObject result) => (200, result.ToJsonString());

    private static (int, string) List(string url, IEnumerable<JsonObject> items) =>
        Ok(new JsonObject { ["object"] = "list", ["url"] = url, ["has_more"] = false, ["data"] = new JsonArray([.. items.Select(i => i.DeepClone())]) });

    private readonly Dictionary<string, List<JsonObject>> payouts = [];

    /// <summary>Stripe pays out a connected account (its payouts list shows it); the payout object as the <c>payout.*</c> events show it.</summary>
    public JsonObject PayOut(string account, long amount, string currency, string status = "paid")
    {
        var payout = Payout(NewId("po_"), amount, currency, status);
        lock (gate) (payouts.TryGetValue(account, out var list) ? list : payouts[account] = []).Add(payout);
        return (JsonObject)payout.DeepClone();
    }

    private static (int, string) Invalid(string message, string? param, int status = 400) => (status, Error("invalid_request_error", message, param));

    private static string Error(string type, string message, string? param = null) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message, ["param"] = param } }.ToJsonString();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string NewId(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 24)];

    /// <summary><c>a[b][0][c]=v&amp;...</c> as flat keys (decoded) and values.</summary>
    public static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            var key = WebUtility.UrlDecode(at < 0 ? pair : pair[..at]);
            form[key] = at < 0 ? "" : WebUtility.UrlDecode(pair[(at + 1)..]);
        }
        return form;
    }

    /// <summary>Flat bracket keys as the nested objects and arrays they stand for (values stay strings, as on the wire).</summary>
    public static JsonObject Nest(IEnumerable<KeyValuePair<string, string>> form)
    {
        var root = new JsonObject();
        foreach (var (key, value) in form)
        {
            var open = key.IndexOf('[');
            var path = new List<string> { open < 0 ? key : key[..open] };
            if (open >= 0) path.AddRange(key[(open + 1)..].TrimEnd(']').Split("]["));
            JsonNode node = root;
            for (var i = 0; i < path.Count; i++)
            {
                var last = i == path.Count - 1;
                JsonNode? Make() => last ? JsonValue.Create(value) : int.TryParse(path[i + 1], out _) ? new JsonArray() : new JsonObject();
                if (node is JsonArray array)
                {
                    var index = int.Parse(path[i]);
                    while (array.Count <= index) array.Add(null);
                    if (last) array[index] = Make();
                    else node = array[index] ??= Make()!;
                }
                else
                {
                    var obj = (JsonObject)node;
                    if (last) obj[path[i]] = Make();
                    else node = obj[path[i]] ??= Make()!;
                }
            }
        }
        return root;
    }

    // ---- what Stripe does on its side, and the events it sends about it ----

    /// <summary>The session the app opened for our checkout id (its <c>client_reference_id</c>).</summary>
    public string SessionFor(string checkoutId)
    {
        lock (gate) return sessions.Values.Single(s => (string?)s["client_reference_id"] == checkoutId)["id"]!.GetValue<string>();
    }

    /// <summary>The buyer pays on the hosted page: a payment intent (or a subscription) now exists; the session object as the event shows it.</summary>
    public JsonObject PaySession(string sessionId, string paymentStatus = "paid")
    {
        lock (gate)
        {
            var session = sessions[sessionId];
            var request = sessionRequests[sessionId];
            var amount = (long)session["amount_total"]!;
            var currency = (string)session["currency"]!;
            if ((string?)session["mode"] == "payment" && session["payment_intent"] is null)
            {
                var intent = NewId("pi_");
                payments[intent] = new FakePayment(amount, currency,
                    long.TryParse((string?)request["payment_intent_data"]?["application_fee_amount"], out var fee) ? fee : null, amount);
                session["payment_intent"] = intent;
            }
            if ((string?)session["mode"] == "subscription" && session["subscription"] is null)
            {
                var id = NewId("sub_");
                var start = Now();
                subscriptions[id] = new JsonObject
                {
                    ["id"] = id, ["object"] = "subscription", ["status"] = "active", ["cancel_at_period_end"] = false, ["currency"] = currency,
                    ["customer"] = NewId("cus_"), ["created"] = start, ["start_date"] = start,
                    ["metadata"] = request["subscription_data"]?["metadata"]?.DeepClone() ?? new JsonObject(),
                    ["transfer_data"] = request["subscription_data"]?["transfer_data"] is { } transfer
                        ? new JsonObject { ["destination"] = (string?)transfer["destination"], ["amount_percent"] = decimal.Parse((string?)transfer["amount_percent"] ?? "100") }
                        : null,
                    ["items"] = new JsonObject
                    {
                        ["object"] = "list", ["has_more"] = false, ["url"] = $"/v1/subscription_items?subscription={id}",
                        ["data"] = new JsonArray(new JsonObject
                        {
                            ["id"] = NewId("si_"), ["object"] = "subscription_item", ["quantity"] = 1,
                            ["current_period_start"] = start, ["current_period_end"] = DateTimeOffset.FromUnixTimeSeconds(start).AddMonths(1).ToUnixTimeSeconds(),
                        }),
                    },
                };
                session["subscription"] = id;
                session["invoice"] = NewId("in_");
            }
            session["status"] = "complete";
            var shown = (JsonObject)session.DeepClone();
            shown["payment_status"] = paymentStatus;
            if (paymentStatus == "paid") session["payment_status"] = "paid";
            return shown;
        }
    }

    /// <summary>The connected account opened for our creator (its <c>metadata[creator_id]</c>).</summary>
    public string AccountIdFor(string creatorId)
    {
        lock (gate) return accounts.Values.Single(a => (string?)a["metadata"]?["creator_id"] == creatorId)["id"]!.GetValue<string>();
    }

    /// <summary>The refund made for our refund id (its <c>metadata[refund_id]</c>), as the <c>refund.*</c> events show it.</summary>
    public JsonObject RefundFor(string refundId)
    {
        lock (gate) return (JsonObject)refunds.Values.Single(r => (string?)r["metadata"]?["refund_id"] == refundId).DeepClone();
    }

    public JsonObject SubscriptionObject(string subscriptionId)
    {
        lock (gate) return (JsonObject)subscriptions[subscriptionId].DeepClone();
    }

    /// <summary>A refund made in Stripe's dashboard (reversing the transfer and refunding the fee, as its boxes allow): no metadata of ours.</summary>
    public JsonObject DashboardRefund(string paymentIntent, long amount)
    {
        lock (gate) return MakeRefund(paymentIntent, amount, reverseTransfer: true, refundFee: true, new JsonObject(), "requested_by_customer");
    }

    public static JsonObject Dispute(string disputeId, string paymentIntent, long amount, string currency, string status) => new()
    {
        ["id"] = disputeId, ["object"] = "dispute", ["amount"] = amount, ["currency"] = currency, ["charge"] = $"ch_{paymentIntent[3..]}",
        ["payment_intent"] = paymentIntent, ["reason"] = "fraudulent", ["status"] = status, ["is_charge_refundable"] = false, ["created"] = Now(),
        ["metadata"] = new JsonObject(), ["balance_transactions"] = new JsonArray(), ["livemode"] = false,
    };

    /// <summary>A renewal invoice of a subscription (billing_reason subscription_cycle), paid or not, in the 2025+ shape (parent, payments).</summary>
    public JsonObject RenewalInvoice(string subscriptionId, bool paid, long amount, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        var subscription = SubscriptionObject(subscriptionId);
        var id = NewId("in_");
        var intent = NewId("pi_");
        var percent = (decimal?)subscription["transfer_data"]?["amount_percent"] ?? 100m;
        if (paid)
            lock (gate)
                payments[intent] = new FakePayment(amount, (string)subscription["currency"]!, null, (long)Math.Round(amount * percent / 100m, MidpointRounding.AwayFromZero));
        return new JsonObject
        {
            ["id"] = id, ["object"] = "invoice", ["billing_reason"] = "subscription_cycle", ["collection_method"] = "charge_automatically",
            ["currency"] = (string)subscription["currency"]!, ["customer"] = (string)subscription["customer"]!, ["amount_due"] = amount,
            ["amount_paid"] = paid ? amount : 0, ["amount_remaining"] = paid ? 0 : amount, ["attempt_count"] = 1, ["attempted"] = true,
            ["status"] = paid ? "paid" : "open", ["created"] = Now(), ["livemode"] = false,
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details", ["quote_details"] = null,
                ["subscription_details"] = new JsonObject { ["metadata"] = subscription["metadata"]!.DeepClone(), ["subscription"] = subscriptionId },
            },
            ["lines"] = new JsonObject
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = $"/v1/invoices/{id}/lines",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = NewId("il_"), ["object"] = "line_item", ["amount"] = amount, ["currency"] = (string)subscription["currency"]!,
                    ["period"] = new JsonObject { ["start"] = periodStart.ToUnixTimeSeconds(), ["end"] = periodEnd.ToUnixTimeSeconds() },
                }),
            },
            ["payments"] = new JsonObject
            {
                ["object"] = "list", ["has_more"] = false, ["url"] = $"/v1/invoice_payments?invoice={id}",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = NewId("inpay_"), ["object"] = "invoice_payment", ["amount_paid"] = paid ? amount : null, ["amount_requested"] = amount,
                    ["currency"] = (string)subscription["currency"]!, ["invoice"] = id, ["is_default"] = true, ["status"] = paid ? "paid" : "open",
                    ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = intent },
                }),
            },
        };
    }

    public static JsonObject Account(string accountId, Guid creatorId, bool chargesEnabled) => new()
    {
        ["id"] = accountId, ["object"] = "account", ["type"] = "express", ["charges_enabled"] = chargesEnabled, ["payouts_enabled"] = chargesEnabled,
        ["details_submitted"] = chargesEnabled, ["metadata"] = new JsonObject { ["creator_id"] = creatorId.ToString() },
        ["requirements"] = new JsonObject
        {
            ["currently_due"] = chargesEnabled ? new JsonArray() : new JsonArray("external_account"), ["eventually_due"] = new JsonArray(),
            ["past_due"] = new JsonArray(), ["disabled_reason"] = null,
        },
    };

    /// <summary>
    /// An event as Stripe renders it (<c>id</c>, <c>object: "event"</c>, <c>api_version</c>, <c>created</c>, <c>type</c>,
    /// <c>data.object</c>; <c>account</c> for an event about a connected account).
    /// </summary>
    public static StripeWebhook Event(string type, JsonObject data, string? account = null, DateTimeOffset? created = null, string? apiVersion = null)
    {
        var id = NewId("evt_");
        var json = new JsonObject
        {
            ["id"] = id, ["object"] = "event", ["api_version"] = apiVersion ?? StripeConfiguration.ApiVersion,
            ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), ["data"] = new JsonObject { ["object"] = data.DeepClone() },
            ["livemode"] = false, ["pending_webhooks"] = 1, ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null }, ["type"] = type,
        };
        if (account is not null) json["account"] = account;
        return new StripeWebhook(id, type, json.ToJsonString(), account);
    }

    /// <summary>Signs <paramref name="body"/> as Stripe does (<c>t=...,v1=...</c>) and posts it to the app.</summary>
    public async Task<HttpResponseMessage> Post(string path, string body, string? secret, long? timestamp = null, string? signedBody = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            var t = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString();
            request.Headers.Add("Stripe-Signature", $"t={t},v1={EventUtility.ComputeSignature(secret, t, signedBody ?? body)}");
        }
        return await App().SendAsync(request);
    }

    /// <summary>Delivers the event to the endpoint Stripe would use: connect events to the connect endpoint, with its secret.</summary>
    public async Task<HttpResponseMessage> Deliver(StripeWebhook webhook)
    {
        var response = webhook.Account is null
            ? await Post("/webhooks/stripe", webhook.Json, WebhookSecret)
            : await Post("/webhooks/stripe/connect", webhook.Json, ConnectWebhookSecret);
        Assert.True(response.IsSuccessStatusCode, $"{webhook.Type} {webhook.Id} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
