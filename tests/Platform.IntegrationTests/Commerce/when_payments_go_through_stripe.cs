using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Commerce;
using Platform.Contracts;
using Platform.Contracts.Commerce;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Commerce;

/// <summary>The app with <c>Payments:Provider=stripe</c>, pointed at a <see cref="FakeStripe"/>.</summary>
public class StripePlatformApp : PlatformApp
{
    public FakeStripe Stripe { get; private set; } = null!;

    protected virtual string RenewalGracePeriod => "3.00:00:00";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Payments:Provider"] = "stripe",
        ["Payments:RenewalGracePeriod"] = RenewalGracePeriod,
        ["Stripe:SecretKey"] = FakeStripe.SecretKey,
        ["Stripe:WebhookSecret"] = FakeStripe.WebhookSecret,
        ["Stripe:ConnectWebhookSecret"] = FakeStripe.ConnectWebhookSecret,
        ["Stripe:ApiBase"] = Stripe.Origin,
    };

    public override async Task InitializeAsync()
    {
        Stripe = await FakeStripe.Start();
        await base.InitializeAsync();
        Stripe.App = () => Host.Server.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

/// <summary>A renewal that fails ends the subscription two seconds later.</summary>
public sealed class ShortGraceStripePlatformApp : StripePlatformApp
{
    protected override string RenewalGracePeriod => "00:00:02";
}

/// <summary>Creators, courses, buyers and checkouts through GraphQL, and waits for what Stripe's webhooks cause.</summary>
public sealed class StripeShop(StripePlatformApp app)
{
    public FakeStripe Stripe => app.Stripe;

    public sealed record Creator(string User, string Community, string Account);

    public sealed record Purchase(string Buyer, string Course, string CheckoutId, string SessionId);


    public const string PurchaseFields =
        "id status gross { amount currency } platformFee { amount } creatorShare { amount } refunded { amount } disputed { amount } refundable { amount } refunds { id status }";

    /// <summary>A community's creator whose Stripe account can take charges (onboarded, then <c>account.updated</c>).</summary>
    public async Task<Creator> OnboardedCreator()
    {
        var user = Unique("seller");
        var client = app.Client(user);
        var community = await Community(client, "Workshop", Unique("shop-"));
        await client.Data("mutation { startPayoutOnboarding { id } }");
        var account = Stripe.AccountIdFor(PlatformApp.UserId(user).ToString());
        var updated = FakeStripe.Event("account.updated", FakeStripe.Account(account, PlatformApp.UserId(user), chargesEnabled: true), account: account);
        await Stripe.Deliver(updated);
        await Processed(updated);
        return new Creator(user, community, account);
    }

    /// <summary>A published PAID course of the creator's community with a price.</summary>
    public async Task<string> Course(Creator creator, long amount, string interval = "ONE_TIME", string currency = "eur")
    {
        var client = app.Client(creator.User);
        var course = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Joinery\", access: PAID }) { id } }",
            new { c = creator.Community })).GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Joints\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Dovetails\", body: \"Saw to the line\" }) { id } }", new { m = module });
        await client.Data("mutation($p: ID!, $i: SetPriceInput!) { setPrice(productId: $p, input: $i) { id } }",
            new { p = course, i = new { amount, currency, interval } });
        await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        return course;
    }

    /// <summary>A new member of the community who opened a checkout for the course.</summary>
    public async Task<Purchase> Checkout(Creator creator, string course)
    {
        var buyer = Unique("buyer");
        var client = app.Client(buyer);
        await client.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = creator.Community });
        var checkout = (await client.Data("mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId url status } }", new { p = course }))
            .GetProperty("startCheckout");
        var checkoutId = checkout.GetProperty("checkoutId").GetString()!;
        var session = Stripe.SessionFor(checkoutId);
        Assert.Equal($"https://checkout.stripe.com/c/pay/{session}", checkout.GetProperty("url").GetString());
        Assert.Equal("PENDING", checkout.GetProperty("status").GetString());
        return new Purchase(buyer, course, checkoutId, session);
    }

    /// <summary>The buyer pays; Stripe reports <c>checkout.session.completed</c>, and the app has processed it.</summary>
    public async Task<(string PaymentIntent, StripeWebhook Event)> Pay(Purchase purchase)
    {
        var session = Stripe.PaySession(purchase.SessionId);
        var completed = FakeStripe.Event("checkout.session.completed", session);
        await Stripe.Deliver(completed);
        await Processed(completed);
        return ((string?)session["payment_intent"] ?? "", completed);
    }

    /// <summary>A buyer subscribed to a monthly course: the checkout paid, and the subscription Stripe made for it.</summary>
    public async Task<(Purchase Purchase, string Course, string ProviderSubscription)> Subscribed(long amount)
    {
        var creator = await OnboardedCreator();
        var course = await Course(creator, amount, interval: "MONTH");
        var purchase = await Checkout(creator, course);
        await Pay(purchase);
        return (purchase, course, (string)Stripe.PaySession(purchase.SessionId)["subscription"]!);
    }

    public async Task<JsonElement> PurchaseOf(string buyer, string purchaseId) =>
        (await app.Client(buyer).Data($"query($id: ID!) {{ purchase(id: $id) {{ {PurchaseFields} }} }}", new { id = purchaseId })).GetProperty("purchase");

    /// <summary>The buyer's enrolment in the course: null if never enrolled.</summary>
    public async Task<JsonElement?> Enrolment(string buyer, string course)
    {
        var enrolment = (await app.Client(buyer).Data("query($c: ID!) { course(id: $c) { viewerEnrolment { id source revokedAt } } }", new { c = course }))
            .GetProperty("course").GetProperty("viewerEnrolment");
        return enrolment.ValueKind == JsonValueKind.Null ? null : enrolment;
    }

    public async Task<bool> HasAccess(string buyer, string course) =>
        await Enrolment(buyer, course) is { } enrolment && enrolment.GetProperty("revokedAt").ValueKind == JsonValueKind.Null;

    public async Task<JsonElement> Subscription(string buyer) =>
        (await app.Client(buyer).Data("query { mySubscriptions { id status currentPeriodEnd cancelsAt endedAt endReason startedAt } }"))
            .GetProperty("mySubscriptions").EnumerateArray().Single();

    public async Task<JsonElement[]> Purchases(string buyer) =>
        (await app.Client(buyer).Data($"query {{ myPurchases(first: 20) {{ nodes {{ {PurchaseFields} }} }} }}"))
            .GetProperty("myPurchases").GetProperty("nodes").EnumerateArray().ToArray();

    public async Task<ProviderEventRecord?> Record(string eventId)
    {
        await using var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<ProviderEventRecord>(eventId);
    }

    /// <summary>Waits (bounded) until the app has processed each event on its durable queue; <paramref name="orParked"/> also accepts one waiting for its payment.</summary>
    public async Task Processed(StripeWebhook webhook, bool orParked = false)
    {
        ProviderEventRecord? record = null;
        await Eventually(async () => record = await Record(webhook.Id),
            r => r is { ProcessedAt: not null } || orParked && r is { AwaitingPayment: not null }, Deadline);
        Assert.True(record is { ProcessedAt: not null } || orParked && record is { AwaitingPayment: not null },
            $"{webhook.Type} {webhook.Id} was not processed within {Deadline}: {(record is null ? "never recorded" : $"outcome '{record.Outcome}'")}");
    }

    public async Task<long> AllEvents()
    {
        await using var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    /// <summary>The request the app made to <paramref name="path"/> that matches, waited for (bounded): the app calls Stripe from its durable queue.</summary>
    public async Task<StripeRequest> Request(string method, string path, Func<StripeRequest, bool> matches)
    {
        var found = await Eventually(() => Task.FromResult(Stripe.To(method, path).FirstOrDefault(matches)), r => r is not null);
        Assert.True(found is not null, $"No matching {method} {path} within {Deadline}; got {Stripe.To(method, path).Count} others.");
        return found!;
    }
}

public sealed class when_payments_go_through_stripe(StripePlatformApp app) : IClassFixture<StripePlatformApp>
{
    private readonly StripeShop shop = new(app);
    private FakeStripe Stripe => app.Stripe;

    private static long Amount(JsonElement purchase, string field) => purchase.GetProperty(field).GetProperty("amount").GetInt64();

    [Fact]
    public async Task onboarding_opens_an_express_account_once_and_account_updated_enables_charges()
    {
        var user = Unique("maker");
        var creatorId = PlatformApp.UserId(user);
        var client = app.Client(user);
        await client.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }", new { i = new { name = "Forge", slug = Unique("forge-") } });

        var first = (await client.Data("mutation { startPayoutOnboarding { id provider chargesEnabled onboardingUrl } }")).GetProperty("startPayoutOnboarding");
        var opened = Stripe.To("POST", "/v1/accounts").Single(r => r["metadata[creator_id]"] == creatorId.ToString());
        var accountId = Stripe.AccountIdFor(creatorId.ToString());
        var link = Stripe.To("POST", "/v1/account_links").Last(r => r["account"] == accountId);
        var updated = FakeStripe.Event("account.updated", FakeStripe.Account(accountId, creatorId, chargesEnabled: true), account: accountId);
        await Stripe.Deliver(updated);
        await shop.Processed(updated);
        var again = (await client.Data("mutation { startPayoutOnboarding { id chargesEnabled payoutsEnabled requirementsDue onboardingUrl } }")).GetProperty("startPayoutOnboarding");

        Assert.Equal(("stripe", false), (first.GetProperty("provider").GetString(), first.GetProperty("chargesEnabled").GetBoolean()));
        Assert.Equal("express", opened["type"]);
        Assert.Equal($"account-{creatorId}", opened.IdempotencyKey);
        Assert.Equal($"Bearer {FakeStripe.SecretKey}", opened.Authorization);
        Assert.Equal(global::Stripe.StripeConfiguration.ApiVersion, opened.StripeVersion);
        Assert.Null(opened.StripeAccount);
        Assert.Equal("account_onboarding", link["type"]);
        Assert.NotNull(link.IdempotencyKey);
        Assert.StartsWith($"https://connect.stripe.com/setup/e/{accountId}/", first.GetProperty("onboardingUrl").GetString());
        Assert.NotEqual(first.GetProperty("onboardingUrl").GetString(), again.GetProperty("onboardingUrl").GetString());
        Assert.True(again.GetProperty("chargesEnabled").GetBoolean());
        Assert.True(again.GetProperty("payoutsEnabled").GetBoolean());
        Assert.Equal(0, again.GetProperty("requirementsDue").GetArrayLength());
        Assert.Single(Stripe.To("POST", "/v1/accounts"), r => r["metadata[creator_id]"] == creatorId.ToString());
        Assert.Equal("applied", (await shop.Record(updated.Id))!.Outcome);
    }

    [Fact]
    public async Task checkout_sends_a_destination_charge_and_checkout_session_completed_pays_and_enrols()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 4990); // 15 % of 4990 is 748.5: half-up makes 749
        var purchase = await shop.Checkout(creator, course);

        var sent = Stripe.To("POST", "/v1/checkout/sessions").Single(r => r["client_reference_id"] == purchase.CheckoutId);
        var pending = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var enrolledBefore = await shop.Enrolment(purchase.Buyer, course);
        var (paymentIntent, _) = await shop.Pay(purchase);
        var paid = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var events = await app.EventsOf(Guid.Parse(purchase.CheckoutId));

        Assert.Equal("payment", sent["mode"]);
        Assert.Equal("749", sent["payment_intent_data[application_fee_amount]"]);
        Assert.Equal(creator.Account, sent["payment_intent_data[transfer_data][destination]"]);
        Assert.Equal(purchase.CheckoutId, sent["metadata[purchase_id]"]);
        Assert.Equal("4990", sent["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("eur", sent["line_items[0][price_data][currency]"]);
        Assert.Equal("1", sent["line_items[0][quantity]"]);
        Assert.Null(sent["line_items[0][price_data][recurring][interval]"]);
        Assert.Null(sent["subscription_data[transfer_data][destination]"]);
        Assert.Equal($"checkout-{purchase.CheckoutId}", sent.IdempotencyKey);
        Assert.True(long.Parse(sent["expires_at"]!) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("PENDING", pending.GetProperty("status").GetString());
        Assert.Null(enrolledBefore);
        Assert.Equal("PAID", paid.GetProperty("status").GetString());
        Assert.Equal((4990L, 749L, 4241L), (Amount(paid, "gross"), Amount(paid, "platformFee"), Amount(paid, "creatorShare")));
        Assert.Equal(Amount(paid, "gross"), Amount(paid, "platformFee") + Amount(paid, "creatorShare"));
        Assert.Equal(paymentIntent, events.Select(e => e.Data).OfType<PaymentSucceeded>().Single().ProviderPaymentId);
        Assert.True(await shop.HasAccess(purchase.Buyer, course));
        Assert.Equal("PURCHASE", (await shop.Enrolment(purchase.Buyer, course))!.Value.GetProperty("source").GetString());
    }

    [Fact]
    public async Task a_completed_but_unpaid_session_does_not_fulfil_until_async_payment_succeeded()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 2500);
        var purchase = await shop.Checkout(creator, course);

        var unpaid = FakeStripe.Event("checkout.session.completed", Stripe.PaySession(purchase.SessionId, paymentStatus: "unpaid"));
        await Stripe.Deliver(unpaid);
        await shop.Processed(unpaid);
        var afterUnpaid = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var accessAfterUnpaid = await shop.HasAccess(purchase.Buyer, course);
        var succeeded = FakeStripe.Event("checkout.session.async_payment_succeeded", Stripe.PaySession(purchase.SessionId));
        await Stripe.Deliver(succeeded);
        await shop.Processed(succeeded);
        var afterSucceeded = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);

        Assert.Equal("PENDING", afterUnpaid.GetProperty("status").GetString());
        Assert.False(accessAfterUnpaid);
        Assert.Equal("PAID", afterSucceeded.GetProperty("status").GetString());
        Assert.Equal((2500L, 375L, 2125L), (Amount(afterSucceeded, "gross"), Amount(afterSucceeded, "platformFee"), Amount(afterSucceeded, "creatorShare")));
        Assert.True(await shop.HasAccess(purchase.Buyer, course));
    }

    [Fact]
    public async Task refunds_reverse_the_transfer_and_the_fee_and_a_full_refund_revokes_the_enrolment()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 5000);
        var purchase = await shop.Checkout(creator, course);
        var (paymentIntent, _) = await shop.Pay(purchase);
        var seller = app.Client(creator.User);
        const string Refund = "mutation($p: ID!, $a: Long) { refundPurchase(purchaseId: $p, input: { amount: $a, reason: \"Wrong size\" }) { refunds { id status } } }";

        var requested = (await seller.Data(Refund, new { p = purchase.CheckoutId, a = 1200 })).GetProperty("refundPurchase").GetProperty("refunds")[0];
        var refundId = requested.GetProperty("id").GetString()!;
        var sent = await shop.Request("POST", "/v1/refunds", r => r["metadata[refund_id]"] == refundId);
        var created = FakeStripe.Event("refund.created", Stripe.RefundFor(refundId));
        await Stripe.Deliver(created);
        await shop.Processed(created);
        var partly = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var accessAfterPartial = await shop.HasAccess(purchase.Buyer, course);
        var requestsBeforeTooMuch = Stripe.To("POST", "/v1/refunds").Count;
        var tooMuch = await seller.Send(Refund, new { p = purchase.CheckoutId, a = 3801 });
        var requestsAfterTooMuch = Stripe.To("POST", "/v1/refunds").Count;
        var rest = (await seller.Data(Refund, new { p = purchase.CheckoutId, a = (long?)null })).GetProperty("refundPurchase").GetProperty("refunds")
            .EnumerateArray().Single(r => r.GetProperty("id").GetString() != refundId).GetProperty("id").GetString()!;
        var restSent = await shop.Request("POST", "/v1/refunds", r => r["metadata[refund_id]"] == rest);
        var restCreated = FakeStripe.Event("refund.created", Stripe.RefundFor(rest));
        await Stripe.Deliver(restCreated);
        await shop.Processed(restCreated);
        var refunded = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var events = await app.EventsOf(Guid.Parse(purchase.CheckoutId));

        Assert.Equal("PENDING", requested.GetProperty("status").GetString());
        Assert.Equal(paymentIntent, sent["payment_intent"]);
        Assert.Equal("1200", sent["amount"]);
        Assert.Equal("true", sent["reverse_transfer"]);
        Assert.Equal("true", sent["refund_application_fee"]);
        Assert.Equal(purchase.CheckoutId, sent["metadata[purchase_id]"]);
        Assert.Equal($"refund-{refundId}", sent.IdempotencyKey);
        Assert.Equal("PARTIALLY_REFUNDED", partly.GetProperty("status").GetString());
        Assert.Equal((1200L, 3800L), (Amount(partly, "refunded"), Amount(partly, "refundable")));
        Assert.True(accessAfterPartial);
        Assert.Equal("VALIDATION", tooMuch.FirstErrorCode);
        Assert.Equal(requestsBeforeTooMuch, requestsAfterTooMuch);
        Assert.Equal(2, Stripe.To("POST", "/v1/refunds").Count(r => r["payment_intent"] == paymentIntent));
        Assert.Equal("3800", restSent["amount"]);
        Assert.Equal($"refund-{rest}", restSent.IdempotencyKey);
        Assert.Equal("REFUNDED", refunded.GetProperty("status").GetString());
        Assert.Equal((5000L, 0L), (Amount(refunded, "refunded"), Amount(refunded, "refundable")));
        var reversals = events.Select(e => e.Data).OfType<PaymentRefunded>().ToList();
        Assert.Equal((180L, 1020L), (reversals[0].PlatformFeeReversed, reversals[0].CreatorShareReversed));
        Assert.Equal(750L, reversals.Sum(r => r.PlatformFeeReversed));
        Assert.Equal(4250L, reversals.Sum(r => r.CreatorShareReversed));
        Assert.False(await shop.HasAccess(purchase.Buyer, course));
    }

    [Fact]
    public async Task a_refund_books_the_fee_refund_and_transfer_reversal_stripe_reports_even_when_they_differ_and_reconciliation_agrees_with_payouts()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 101);
        var seller = app.Client(creator.User);
        async Task<(string Intent, string StripeRefund, JsonElement Refund)> PayAndRefundFifty()
        {
            var purchase = await shop.Checkout(creator, course);
            var (intent, _) = await shop.Pay(purchase);
            var requested = (await seller.Data("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { amount: 50, reason: \"Half\" }) { refunds { id } } }",
                new { p = purchase.CheckoutId })).GetProperty("refundPurchase").GetProperty("refunds")[0].GetProperty("id").GetString()!;
            await shop.Request("POST", "/v1/refunds", r => r["metadata[refund_id]"] == requested);
            var made = Stripe.RefundFor(requested);
            var created = FakeStripe.Event("refund.created", made);
            await Stripe.Deliver(created);
            await shop.Processed(created);
            var refund = (await app.Client(purchase.Buyer).Data("query($id: ID!) { purchase(id: $id) { refunds { status amount platformFeeReversed creatorShareReversed } } }",
                new { id = purchase.CheckoutId })).GetProperty("purchase").GetProperty("refunds")[0];
            return (intent, (string)made["id"]!, refund);
        }

        var asStripeRules = await PayAndRefundFifty();
        var skewed = await Stripe.WithApplicationFeeRefundSkew(1, PayAndRefundFifty);
        var payout = Stripe.PayOut(creator.Account, 85, "eur");
        var paidOut = FakeStripe.Event("payout.paid", payout, account: creator.Account);
        await Stripe.Deliver(paidOut);
        await shop.Processed(paidOut);
        var ids = new[] { asStripeRules.Intent, asStripeRules.StripeRefund, skewed.Intent, skewed.StripeRefund, (string)payout["id"]! };
        var ours = await MismatchesAbout(from, ids);

        static string Split(JsonElement refund) => $"{refund.GetProperty("status").GetString()} {refund.GetProperty("amount").GetInt64()} = " +
            $"{refund.GetProperty("platformFeeReversed").GetInt64()} + {refund.GetProperty("creatorShareReversed").GetInt64()}";
        Assert.Equal("SUCCEEDED 50 = 7 + 43", Split(asStripeRules.Refund));
        Assert.Equal("SUCCEEDED 50 = 8 + 42", Split(skewed.Refund));
        var asked = Assert.Single(Stripe.To("GET", $"/v1/refunds/{asStripeRules.StripeRefund}"));
        Assert.Equal(["transfer_reversal", "charge.application_fee"], asked.Form.Where(f => f.Key.StartsWith("expand")).Select(f => f.Value));
        Assert.Empty(ours);
    }

    [Fact]
    public async Task a_lost_dispute_takes_the_money_and_the_access_and_a_won_one_returns_to_paid()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 3000);
        var lost = await shop.Checkout(creator, course);
        var won = await shop.Checkout(creator, course);
        var (lostIntent, _) = await shop.Pay(lost);
        var (wonIntent, _) = await shop.Pay(won);

        async Task<JsonElement> Report(StripeShop.Purchase purchase, string intent, string type, string status)
        {
            var e = FakeStripe.Event(type, FakeStripe.Dispute($"dp_{purchase.CheckoutId.Replace("-", "")}", intent, 3000, "eur", status));
            await Stripe.Deliver(e);
            await shop.Processed(e);
            return await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        }
        var lostOpen = await Report(lost, lostIntent, "charge.dispute.created", "needs_response");
        var accessWhileOpen = await shop.HasAccess(lost.Buyer, course);
        var lostClosed = await Report(lost, lostIntent, "charge.dispute.closed", "lost");
        var wonOpen = await Report(won, wonIntent, "charge.dispute.created", "needs_response");
        var wonClosed = await Report(won, wonIntent, "charge.dispute.closed", "won");

        Assert.Equal("DISPUTED", lostOpen.GetProperty("status").GetString());
        Assert.True(accessWhileOpen);
        Assert.Equal("DISPUTED", lostClosed.GetProperty("status").GetString());
        Assert.Equal((3000L, 0L), (Amount(lostClosed, "disputed"), Amount(lostClosed, "refundable")));
        Assert.False(await shop.HasAccess(lost.Buyer, course));
        Assert.Equal("DISPUTED", wonOpen.GetProperty("status").GetString());
        Assert.Equal("PAID", wonClosed.GetProperty("status").GetString());
        Assert.Equal((0L, 3000L), (Amount(wonClosed, "disputed"), Amount(wonClosed, "refundable")));
        Assert.True(await shop.HasAccess(won.Buyer, course));
    }

    /// <summary>
    /// Reconciliation's mismatches about these provider ids. Both sides settle after the webhooks (the processing fee, the ledger):
    /// waits (bounded) until they agree.
    /// </summary>
    private Task<List<JsonElement>> MismatchesAbout(DateTimeOffset from, string[] ids) => Eventually(async () =>
    {
        await app.WaitForProjections();
        var report = (await app.Client(Unique("fin"), "finance").Data(when_finance_reconciles_random_money_flows.Reconcile,
            new { f = from, t = DateTimeOffset.UtcNow.AddMinutes(1) })).GetProperty("reconciliation");
        return report.GetProperty("mismatches").EnumerateArray().Where(m => ids.Any(id => m.GetProperty("key").GetString()!.EndsWith(id))).ToList();
    }, m => m.Count == 0);

    [Fact]
    public async Task a_lost_dispute_reverses_the_transfer_at_stripe_and_books_what_the_reversal_reports_even_when_it_differs()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 101);
        async Task<(string Intent, string Dispute, DisputeClosed Closed)> PayAndLoseADispute()
        {
            var purchase = await shop.Checkout(creator, course);
            var (intent, _) = await shop.Pay(purchase);
            var dispute = $"dp_{purchase.CheckoutId.Replace("-", "")}";
            var closed = FakeStripe.Event("charge.dispute.closed", FakeStripe.Dispute(dispute, intent, 101, "eur", "lost"));
            await Stripe.Deliver(closed);
            await shop.Processed(closed);
            var history = (await app.EventsOf(Guid.Parse(purchase.CheckoutId))).Select(e => e.Data).ToList();
            return (intent, dispute, Assert.Single(history.OfType<DisputeClosed>()));
        }

        var asStripeRules = await PayAndLoseADispute();
        var skewed = await Stripe.WithApplicationFeeRefundSkew(-1, PayAndLoseADispute);
        var ids = new[] { asStripeRules.Intent, asStripeRules.Dispute, skewed.Intent, skewed.Dispute };
        var ours = await MismatchesAbout(from, ids);

        var reversal = Assert.Single(Stripe.To("POST", $"/v1/transfers/tr_{asStripeRules.Intent[3..]}/reversals"));
        Assert.Equal(("101", "true", asStripeRules.Dispute, $"dispute-reversal-{asStripeRules.Dispute}"),
            (reversal["amount"], reversal["refund_application_fee"], reversal["metadata[dispute_id]"], reversal.IdempotencyKey));
        Assert.Equal((101L, 15L, 86L), (asStripeRules.Closed.Amount, asStripeRules.Closed.PlatformFeeReversed, asStripeRules.Closed.CreatorShareReversed));
        Assert.Equal((101L, 14L, 87L), (skewed.Closed.Amount, skewed.Closed.PlatformFeeReversed, skewed.Closed.CreatorShareReversed));
        Assert.Empty(ours);
    }

    [Fact]
    public async Task a_lost_dispute_whose_transfer_stripe_has_not_made_yet_is_booked_when_it_is_there()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 101);
        var purchase = await shop.Checkout(creator, course);
        var (intent, _) = await shop.Pay(purchase);
        Stripe.WithheldTransfers = 1;
        var closed = FakeStripe.Event("charge.dispute.closed", FakeStripe.Dispute($"dp_{purchase.CheckoutId.Replace("-", "")}", intent, 101, "eur", "lost"));
        await Stripe.Deliver(closed);
        await shop.Processed(closed);

        var history = (await app.EventsOf(Guid.Parse(purchase.CheckoutId))).Select(e => e.Data).ToList();
        var booked = Assert.Single(history.OfType<DisputeClosed>());
        var reads = Stripe.To("GET", $"/v1/payment_intents/{intent}").Count(r => r.Form.Values.Contains("latest_charge.transfer"));
        Assert.Equal(0, Stripe.WithheldTransfers);
        Assert.Equal(3, reads); // none yet; then there, and again after the reversal for the fee refunded with it
        Assert.Equal((15L, 86L), (booked.PlatformFeeReversed, booked.CreatorShareReversed));
        Assert.Single(Stripe.To("POST", $"/v1/transfers/tr_{intent[3..]}/reversals"));
    }

    [Fact]
    public async Task a_monthly_price_subscribes_with_an_85_percent_transfer_renews_fails_and_cancels_at_period_end()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 1000, interval: "MONTH");
        var purchase = await shop.Checkout(creator, course);
        var subscriptionId = DeterministicId.Subscription(Guid.Parse(purchase.CheckoutId)).ToString();

        var sent = Stripe.To("POST", "/v1/checkout/sessions").Single(r => r["client_reference_id"] == purchase.CheckoutId);
        await shop.Pay(purchase);
        var providerSubscription = (string)Stripe.PaySession(purchase.SessionId)["subscription"]!;
        var started = await shop.Subscription(purchase.Buyer);
        var periodEnd = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMonths(2).ToUnixTimeSeconds());
        var paidInvoice = FakeStripe.Event("invoice.paid", Stripe.RenewalInvoice(providerSubscription, paid: true, 1000, DateTimeOffset.UtcNow.AddMonths(1), periodEnd));
        await Stripe.Deliver(paidInvoice);
        await shop.Processed(paidInvoice);
        var renewed = await shop.Subscription(purchase.Buyer);
        var purchases = await shop.Purchases(purchase.Buyer);
        var failedInvoice = FakeStripe.Event("invoice.payment_failed", Stripe.RenewalInvoice(providerSubscription, paid: false, 1000, periodEnd, periodEnd.AddMonths(1)));
        await Stripe.Deliver(failedInvoice);
        await shop.Processed(failedInvoice);
        var pastDue = await shop.Subscription(purchase.Buyer);
        var accessWhilePastDue = await shop.HasAccess(purchase.Buyer, course);
        var canceled = (await app.Client(purchase.Buyer).Data("mutation($s: ID!) { cancelSubscription(subscriptionId: $s) { status cancelsAt } }", new { s = subscriptionId }))
            .GetProperty("cancelSubscription");
        var cancel = await shop.Request("POST", $"/v1/subscriptions/{providerSubscription}", _ => true);

        Assert.Equal("subscription", sent["mode"]);
        Assert.Equal(creator.Account, sent["subscription_data[transfer_data][destination]"]);
        Assert.Equal("85", sent["subscription_data[transfer_data][amount_percent]"]);
        Assert.Equal(subscriptionId, sent["subscription_data[metadata][subscription_id]"]);
        Assert.Equal(purchase.CheckoutId, sent["subscription_data[metadata][purchase_id]"]);
        Assert.Equal("month", sent["line_items[0][price_data][recurring][interval]"]);
        Assert.Null(sent["payment_intent_data[application_fee_amount]"]);
        Assert.Equal((subscriptionId, "ACTIVE"), (started.GetProperty("id").GetString(), started.GetProperty("status").GetString()));
        Assert.Equal("ACTIVE", renewed.GetProperty("status").GetString());
        Assert.Equal(periodEnd, renewed.GetProperty("currentPeriodEnd").GetDateTimeOffset());
        Assert.Equal(2, purchases.Length);
        Assert.All(purchases, p => Assert.Equal(("PAID", 1000L, 150L, 850L), (p.GetProperty("status").GetString(), Amount(p, "gross"), Amount(p, "platformFee"), Amount(p, "creatorShare"))));
        Assert.Equal("PAST_DUE", pastDue.GetProperty("status").GetString());
        Assert.True(accessWhilePastDue);
        Assert.Equal(periodEnd, canceled.GetProperty("cancelsAt").GetDateTimeOffset());
        Assert.Equal("true", cancel["cancel_at_period_end"]);
        Assert.Equal($"cancel-at-period-end-{subscriptionId}", cancel.IdempotencyKey);
        Assert.Empty(Stripe.To("DELETE", $"/v1/subscriptions/{providerSubscription}"));
    }

    [Fact]
    public async Task an_invoice_stripe_reports_paid_for_a_subscription_set_to_cancel_is_booked_all_the_same()
    {
        var (purchase, _, providerSubscription) = await shop.Subscribed(1000);
        var subscriptionId = DeterministicId.Subscription(Guid.Parse(purchase.CheckoutId)).ToString();
        await app.Client(purchase.Buyer).Data("mutation($s: ID!) { cancelSubscription(subscriptionId: $s) { cancelsAt } }", new { s = subscriptionId });

        // Stripe charged anyway (the buyer resumed it at Stripe, or the charge crossed our cancellation): money it took is booked, never dropped.
        var periodEnd = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMonths(2).ToUnixTimeSeconds());
        var paidInvoice = FakeStripe.Event("invoice.paid", Stripe.RenewalInvoice(providerSubscription, paid: true, 1000, DateTimeOffset.UtcNow.AddMonths(1), periodEnd));
        await Stripe.Deliver(paidInvoice);
        await shop.Processed(paidInvoice);

        var renewal = Assert.Single(await shop.Purchases(purchase.Buyer), p => p.GetProperty("id").GetString() != purchase.CheckoutId);
        Assert.Equal(("PAID", 1000L, 150L, 850L), (renewal.GetProperty("status").GetString(), Amount(renewal, "gross"), Amount(renewal, "platformFee"), Amount(renewal, "creatorShare")));
        Assert.Equal(periodEnd, (await shop.Subscription(purchase.Buyer)).GetProperty("currentPeriodEnd").GetDateTimeOffset());
        var renewalId = Guid.Parse(renewal.GetProperty("id").GetString()!);
        var booked = await Eventually(async () =>
        {
            await app.WaitForProjections();
            await using var session = app.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.Query<Projections.Ledger.LedgerLine>().Where(l => l.PurchaseId == renewalId && l.Kind.StartsWith("sale")).ToListAsync();
        }, lines => lines.Count == 2);
        Assert.Equal([("sale_fee", 150L), ("sale_share", 850L)], booked.OrderBy(l => l.Kind).Select(l => (l.Kind, l.Amount)));
    }

    [Fact]
    public async Task a_retried_call_gets_the_same_stripe_object_and_a_refused_refund_is_marked_failed()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 2000);
        var provider = app.Host.Services.GetRequiredService<IPaymentProvider>();
        var retried = new CheckoutRequest(Guid.NewGuid(), null, "Retried", 2000, "eur", PriceInterval.OneTime, 0, 300, 15, creator.Account,
            DateTimeOffset.UtcNow.AddMinutes(30));
        var purchase = await shop.Checkout(creator, course);
        var (paymentIntent, _) = await shop.Pay(purchase);

        var first = await provider.StartCheckout(retried, CancellationToken.None);
        var again = await provider.StartCheckout(retried, CancellationToken.None);
        Stripe.RefuseNext("/v1/refunds", 402, "card_error", "The card issuer refused the refund.");
        var requested = (await app.Client(creator.User).Data(
            "mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { reason: \"Changed my mind\" }) { refunds { id } } }", new { p = purchase.CheckoutId }))
            .GetProperty("refundPurchase").GetProperty("refunds")[0].GetProperty("id").GetString()!;
        var failed = await Eventually(() => shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId),
            p => p.GetProperty("refunds")[0].GetProperty("status").GetString() != "PENDING");

        Assert.Equal(first, again);
        var sent = Stripe.To("POST", "/v1/checkout/sessions").Where(r => r.IdempotencyKey == $"checkout-{retried.PurchaseId}").ToList();
        Assert.Equal([false, true], sent.Select(r => r.Replayed));
        Assert.Equal(first.ProviderCheckoutId, Stripe.SessionFor(retried.PurchaseId.ToString())); // one session: the retry acted once
        Assert.Equal((requested, "FAILED"), (failed.GetProperty("refunds")[0].GetProperty("id").GetString(), failed.GetProperty("refunds")[0].GetProperty("status").GetString()));
        Assert.Equal(("PAID", 2000L), (failed.GetProperty("status").GetString(), Amount(failed, "refundable")));
        Assert.Single(Stripe.To("POST", "/v1/refunds"), r => r["payment_intent"] == paymentIntent);
        Assert.True(await shop.HasAccess(purchase.Buyer, course));
        await Assert.ThrowsAsync<PaymentRefusedException>(() =>
            provider.Refund(new RefundRequest(Guid.NewGuid(), Guid.NewGuid(), "pi_never_issued", 100, "eur", "test"), CancellationToken.None));
    }

    [Fact]
    public async Task a_tampered_unsigned_stale_wrongly_signed_or_wrong_version_webhook_is_refused_and_appends_nothing()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 1500);
        var purchase = await shop.Checkout(creator, course);
        var session = Stripe.PaySession(purchase.SessionId);
        var good = FakeStripe.Event("checkout.session.completed", session);
        var before = await shop.AllEvents();

        var tamperedBody = good.Json.Replace("\"amount_total\":1500", "\"amount_total\":15");
        Assert.NotEqual(good.Json, tamperedBody);
        using var tampered = await Stripe.Post("/webhooks/stripe", tamperedBody, FakeStripe.WebhookSecret, signedBody: good.Json);
        using var unsigned = await Stripe.Post("/webhooks/stripe", good.Json, secret: null);
        using var stale = await Stripe.Post("/webhooks/stripe", good.Json, FakeStripe.WebhookSecret, timestamp: DateTimeOffset.UtcNow.AddSeconds(-301).ToUnixTimeSeconds());
        using var platformSecretOnConnect = await Stripe.Post("/webhooks/stripe/connect", good.Json, FakeStripe.WebhookSecret);
        using var connectSecretOnPlatform = await Stripe.Post("/webhooks/stripe", good.Json, FakeStripe.ConnectWebhookSecret);
        var oldVersion = FakeStripe.Event("checkout.session.completed", session, apiVersion: "2024-06-20");
        using var oldVersionResponse = await Stripe.Post("/webhooks/stripe", oldVersion.Json, FakeStripe.WebhookSecret);
        var otherTrain = FakeStripe.Event("checkout.session.completed", session, apiVersion: "2025-03-31.basil");
        using var otherTrainResponse = await Stripe.Post("/webhooks/stripe", otherTrain.Json, FakeStripe.WebhookSecret);
        using var notJson = await Stripe.Post("/webhooks/stripe", "<xml>not an event</xml>", FakeStripe.WebhookSecret); // signed right, not JSON
        var afterRefusals = await shop.AllEvents();
        var recorded = new[] { await shop.Record(good.Id), await shop.Record(oldVersion.Id), await shop.Record(otherTrain.Id) };
        var stillPending = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var historyBefore = (await app.EventsOf(Guid.Parse(purchase.CheckoutId))).Select(e => e.Data.GetType()).ToList();
        await Stripe.Deliver(good);
        await shop.Processed(good);

        Assert.All(new[] { tampered, unsigned, stale, platformSecretOnConnect, connectSecretOnPlatform, oldVersionResponse, otherTrainResponse, notJson },
            r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(before, afterRefusals);
        Assert.All(recorded, Assert.Null);
        Assert.Equal("PENDING", stillPending.GetProperty("status").GetString());
        Assert.Equal([typeof(CheckoutStarted)], historyBefore);
        Assert.Equal("PAID", (await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId)).GetProperty("status").GetString()); // the same event, signed right, is taken
    }

    [Fact]
    public async Task the_same_event_delivered_50_times_at_once_pays_and_enrols_once()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 1800);
        var purchase = await shop.Checkout(creator, course);
        var completed = FakeStripe.Event("checkout.session.completed", Stripe.PaySession(purchase.SessionId));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Stripe.Post("/webhooks/stripe", completed.Json, FakeStripe.WebhookSecret)));
        await shop.Processed(completed);
        var paid = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
        var purchaseEvents = await app.EventsOf(Guid.Parse(purchase.CheckoutId));
        var enrolmentEvents = await app.EventsOf(DeterministicId.Enrolment(Guid.Parse(course), PlatformApp.UserId(purchase.Buyer)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"answered {(int)r.StatusCode}"));
        Assert.Single(purchaseEvents, e => e.Data is PaymentSucceeded);
        Assert.Single(enrolmentEvents, e => e.Data is Enrolled);
        Assert.Equal(("PAID", 1800L), (paid.GetProperty("status").GetString(), Amount(paid, "gross")));
    }

    [Fact]
    public async Task payment_refund_and_lost_dispute_end_in_the_same_state_in_every_order()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 1999);
        string[][] orders = [["pay", "refund", "dispute"], ["pay", "dispute", "refund"], ["refund", "pay", "dispute"],
            ["refund", "dispute", "pay"], ["dispute", "pay", "refund"], ["dispute", "refund", "pay"]];
        var outcomes = new List<(string Order, string State)>();
        foreach (var order in orders)
        {
            var purchase = await shop.Checkout(creator, course);
            var session = Stripe.PaySession(purchase.SessionId);
            var intent = (string)session["payment_intent"]!;
            var events = new Dictionary<string, StripeWebhook>
            {
                ["pay"] = FakeStripe.Event("checkout.session.completed", session),
                ["refund"] = FakeStripe.Event("refund.created", Stripe.DashboardRefund(intent, 333)),
                ["dispute"] = FakeStripe.Event("charge.dispute.closed", FakeStripe.Dispute($"dp_{purchase.CheckoutId.Replace("-", "")}", intent, 1999 - 333, "eur", "lost")),
            };
            foreach (var step in order)
            {
                await Stripe.Deliver(events[step]);
                await shop.Processed(events[step], orParked: true);
            }
            foreach (var e in events.Values) await shop.Processed(e);
            var state = await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId);
            var history = (await app.EventsOf(Guid.Parse(purchase.CheckoutId))).Select(e => e.Data).ToList();
            var feeBack = history.OfType<PaymentRefunded>().Sum(r => r.PlatformFeeReversed) + history.OfType<DisputeClosed>().Sum(d => d.PlatformFeeReversed);
            var shareBack = history.OfType<PaymentRefunded>().Sum(r => r.CreatorShareReversed) + history.OfType<DisputeClosed>().Sum(d => d.CreatorShareReversed);
            outcomes.Add((string.Join(">", order),
                $"{state.GetProperty("status").GetString()} gross={Amount(state, "gross")} fee={Amount(state, "platformFee")} share={Amount(state, "creatorShare")} " +
                $"refunded={Amount(state, "refunded")} disputed={Amount(state, "disputed")} refundable={Amount(state, "refundable")} feeBack={feeBack} shareBack={shareBack} " +
                $"access={await shop.HasAccess(purchase.Buyer, course)}"));
        }

        Assert.All(outcomes, o => Assert.Equal(
            (o.Order, "DISPUTED gross=1999 fee=300 share=1699 refunded=333 disputed=1666 refundable=0 feeBack=300 shareBack=1699 access=False"), o));
    }

    [Fact]
    public async Task subscription_events_end_in_the_same_state_in_any_order()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 900, interval: "MONTH");
        string[][] orders = [["checkout", "renewal", "deleted"], ["renewal", "checkout", "deleted"], ["deleted", "renewal", "checkout"],
            ["renewal", "deleted", "checkout"], ["checkout", "deleted", "renewal"]];
        var periodEnd = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMonths(2).ToUnixTimeSeconds());
        var outcomes = new List<(string Order, string State)>();
        foreach (var order in orders)
        {
            var purchase = await shop.Checkout(creator, course);
            var session = Stripe.PaySession(purchase.SessionId);
            var providerSubscription = (string)session["subscription"]!;
            var deleted = Stripe.SubscriptionObject(providerSubscription);
            deleted["status"] = "canceled";
            var events = new Dictionary<string, StripeWebhook>
            {
                ["checkout"] = FakeStripe.Event("checkout.session.completed", session),
                ["renewal"] = FakeStripe.Event("invoice.paid", Stripe.RenewalInvoice(providerSubscription, paid: true, 900, periodEnd.AddMonths(-1), periodEnd)),
                ["deleted"] = FakeStripe.Event("customer.subscription.deleted", deleted),
            };
            foreach (var step in order)
            {
                await Stripe.Deliver(events[step]);
                await shop.Processed(events[step]);
            }
            var subscription = await shop.Subscription(purchase.Buyer);
            var purchases = await shop.Purchases(purchase.Buyer);
            outcomes.Add((string.Join(">", order),
                $"{subscription.GetProperty("status").GetString()} periodEnd={subscription.GetProperty("currentPeriodEnd").GetDateTimeOffset():O} " +
                $"paid={purchases.Count(p => p.GetProperty("status").GetString() == "PAID")} of {purchases.Length} access={await shop.HasAccess(purchase.Buyer, course)}"));
        }

        Assert.All(outcomes, o => Assert.Equal((o.Order, $"ENDED periodEnd={periodEnd:O} paid=2 of 2 access=False"), o));
    }

    [Fact]
    public async Task an_event_about_an_unknown_object_or_of_an_unhandled_type_is_acknowledged_and_changes_nothing()
    {
        var creator = await shop.OnboardedCreator();
        var course = await shop.Course(creator, 700);
        var purchase = await shop.Checkout(creator, course);
        var session = Stripe.PaySession(purchase.SessionId);
        var stranger = Guid.NewGuid().ToString();
        session["client_reference_id"] = stranger;
        session["metadata"] = new JsonObject { ["purchase_id"] = stranger };
        var unknown = FakeStripe.Event("checkout.session.completed", session);
        var customer = FakeStripe.Event("customer.created", new JsonObject
        {
            ["id"] = "cus_" + Guid.NewGuid().ToString("N")[..14], ["object"] = "customer", ["email"] = "someone@example.com", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = new JsonObject(),
        });
        var before = await shop.AllEvents();

        using var unknownResponse = await Stripe.Deliver(unknown);
        using var customerResponse = await Stripe.Deliver(customer);
        await shop.Processed(unknown);
        await shop.Processed(customer);

        Assert.Equal(HttpStatusCode.OK, unknownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, customerResponse.StatusCode);
        Assert.Equal(before, await shop.AllEvents());
        Assert.StartsWith("ignored", (await shop.Record(unknown.Id))!.Outcome);
        Assert.StartsWith("ignored", (await shop.Record(customer.Id))!.Outcome);
        Assert.Equal("PENDING", (await shop.PurchaseOf(purchase.Buyer, purchase.CheckoutId)).GetProperty("status").GetString());
    }
}

public sealed class when_a_stripe_renewal_stays_unpaid(ShortGraceStripePlatformApp app) : IClassFixture<ShortGraceStripePlatformApp>
{
    private readonly StripeShop shop = new(app);

    [Fact]
    public async Task the_subscription_ends_after_the_grace_period_and_access_goes_with_it()
    {
        var (purchase, course, providerSubscription) = await shop.Subscribed(1200);
        var accessBefore = await shop.HasAccess(purchase.Buyer, course);

        var failed = FakeStripe.Event("invoice.payment_failed",
            // The renewal bills the next period: one that ends when the paid one does is already paid, and is not past due.
            app.Stripe.RenewalInvoice(providerSubscription, paid: false, 1200, DateTimeOffset.UtcNow.AddMonths(1), DateTimeOffset.UtcNow.AddMonths(2)));
        await app.Stripe.Deliver(failed);
        var ended = await Eventually(() => shop.Subscription(purchase.Buyer), s => s.GetProperty("status").GetString() == "ENDED");
        var canceledAtStripe = await shop.Request("DELETE", $"/v1/subscriptions/{providerSubscription}", _ => true);
        var history = (await app.EventsOf(Guid.Parse(ended.GetProperty("id").GetString()!))).Select(e => e.Data).ToList();

        Assert.True(accessBefore);
        Assert.Equal(("ENDED", "unpaid"), (ended.GetProperty("status").GetString(), ended.GetProperty("endReason").GetString()));
        Assert.False(await shop.HasAccess(purchase.Buyer, course));
        var failure = history.OfType<SubscriptionPaymentFailed>().Single();
        Assert.Equal(TimeSpan.FromSeconds(2), failure.GraceEndsAt - failure.FailedAt);
        Assert.IsType<SubscriptionEnded>(history.Last());
        Assert.Equal($"cancel-{ended.GetProperty("id").GetString()}", canceledAtStripe.IdempotencyKey);
        Assert.Contains(await shop.Purchases(purchase.Buyer), p => p.GetProperty("status").GetString() == "FAILED");
    }
}
