using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Platform.Api.Identity;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;
using Wolverine;

namespace Platform.IntegrationTests.Mail;

/// <summary>The app with the embedded mail port writing into a folder of its own.</summary>
public class MailApp : PlatformApp
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"platform-mail-{Guid.NewGuid():N}");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Mail:Folder"] = Folder };

    /// <summary>Registers a user with an email address (the embedded issuer's tokens carry none), then signs them in.</summary>
    public async Task<GraphQLClient> Person(string prefix)
    {
        var user = Shops.NewUser(prefix);
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(
            new RegisterUser(UserId(user), EmbeddedIssuer.Issuer, user, user, user, $"{user}@example.test", []));
        return Client(user);
    }

    /// <summary>The mails sent to <paramref name="address"/>, waited for (bounded) until there are <paramref name="count"/>.</summary>
    public async Task<List<MimeMessage>> MailsTo(string address, int count = 1)
    {
        var mails = await Given.Eventually(async () =>
        {
            if (!Directory.Exists(Folder)) return [];
            var all = new List<MimeMessage>();
            foreach (var file in Directory.GetFiles(Folder, "*.eml"))
            {
                try { all.Add(await MimeMessage.LoadAsync(file)); }
                catch (IOException) { } // still being written: read on the next round
            }
            return all.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();
        }, m => m.Count >= count);
        Assert.True(mails.Count >= count, $"{mails.Count} mails to {address}, expected {count}");
        return mails;
    }
}

public sealed class when_members_are_mailed(MailApp app) : IClassFixture<MailApp>
{
    private static async Task<string> Handle(GraphQLClient client) => (await client.Data("{ me { handle } }")).GetProperty("me").GetProperty("handle").GetString()!;

    private async Task<string> Community(GraphQLClient owner) =>
        (await owner.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name = "Luthiers", slug = $"mail-{Guid.NewGuid():N}"[..20] } })).GetProperty("createCommunity").GetProperty("id").GetString()!;

    [Fact]
    public async Task an_invitation_mail_carries_the_link_that_joins_the_community()
    {
        var owner = app.Client(Shops.NewUser("inviter"));
        var community = await Community(owner);
        var email = $"{Guid.NewGuid():N}@example.test";
        await owner.Data("mutation($c: ID!, $e: String!) { inviteMember(communityId: $c, email: $e) { id } }", new { c = community, e = email });

        var mail = Assert.Single(await app.MailsTo(email));
        Assert.Contains("Luthiers", mail.Subject);
        var link = mail.TextBody!.Split(' ', '\n').Single(w => w.Contains("/invitations/"));
        var token = Uri.UnescapeDataString(link.Trim()[(link.LastIndexOf('/') + 1)..]);
        // With no web app configured the link opens this API's page for it, which says how to accept, not a 404.
        var page = await app.Host.Server.CreateClient().GetStringAsync(new Uri(link.Trim()).PathAndQuery);
        Assert.Contains("acceptInvite", page);
        var joined = await app.Client(Shops.NewUser("invitee")).Data("mutation($t: String!) { acceptInvite(token: $t) { status } }", new { t = token });
        Assert.Equal("ACTIVE", joined.GetProperty("acceptInvite").GetProperty("status").GetString());
        Assert.Null(mail.Headers["List-Unsubscribe"]); // not a member's notification: nothing to unsubscribe from
    }

    [Fact]
    public async Task a_buyer_gets_a_receipt_with_the_split_and_then_a_refund_mail()
    {
        var shops = new Shops(app);
        var shop = await shops.Open(amount: 4900);
        var buyer = await app.Person("buyer");
        var handle = await Handle(buyer);
        await buyer.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.CommunityId });
        var purchaseId = (await Shops.Bought(buyer, shop)).GetProperty("id").GetString();

        var receipt = Assert.Single(await app.MailsTo($"{handle}@example.test"));
        Assert.Equal("Your receipt for Paid course", receipt.Subject);
        Assert.Contains("You paid 49.00 EUR", receipt.TextBody!);
        Assert.Contains("goes to the creator", receipt.TextBody);

        await app.Client(shop.Creator).Data("mutation($p: ID!) { refundPurchase(purchaseId: $p, input: { amount: 900, reason: \"late\" }) { id } }", new { p = purchaseId });
        var mails = await app.MailsTo($"{handle}@example.test", count: 2);
        var refund = mails.Single(m => m.Subject!.StartsWith("Refund"));
        Assert.Equal("Refund of 9.00 EUR for Paid course", refund.Subject);
        Assert.Contains("Refunded in all: 9.00 EUR of 49.00 EUR.", refund.TextBody);
    }

    [Fact]
    public async Task a_mention_mails_only_those_who_want_mentions_by_email_and_a_reply_mails_the_author()
    {
        var author = await app.Person("author");
        var (wants, inApp) = (await app.Person("wants"), await app.Person("inapp"));
        var (wantsHandle, inAppHandle, authorHandle) = (await Handle(wants), await Handle(inApp), await Handle(author));
        await inApp.Data("mutation { updateNotificationPreferences(input: { channels: [{ kind: MENTION, channel: IN_APP }], digest: WEEKLY }) { digest } }");
        var community = await Community(author);
        var post = (await author.Data("mutation($c: ID!, $b: String!) { createPost(input: { communityId: $c, title: \"Bracing\", body: $b }) { id } }",
            new { c = community, b = $"@{wantsHandle} and @{inAppHandle}, which bracing?" })).GetProperty("createPost").GetProperty("id").GetString();

        var mention = Assert.Single(await app.MailsTo($"{wantsHandle}@example.test"));
        Assert.StartsWith($"{authorHandle} mentioned you", mention.Subject!);
        // Both mentions were decided by one handler in one transaction: the one that arrived proves the other was decided too.
        Assert.DoesNotContain(Directory.GetFiles(app.Folder, "*.eml").Select(f => MimeMessage.Load(f)), m => m.To.Mailboxes.Any(b => b.Address == $"{inAppHandle}@example.test"));

        await wants.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        await wants.Data("mutation($p: ID!) { addComment(postId: $p, input: { body: \"X-bracing.\" }) { id } }", new { p = post });
        var reply = Assert.Single(await app.MailsTo($"{authorHandle}@example.test"));
        Assert.Equal($"{wantsHandle} replied on \"Bracing\"", reply.Subject);
        Assert.Contains("X-bracing.", reply.TextBody);
    }

    [Fact]
    public async Task the_unsubscribe_link_works_without_signing_in_and_cannot_be_forged()
    {
        var author = await app.Person("poster");
        var reader = await app.Person("reader");
        var readerHandle = await Handle(reader);
        var community = await Community(author);
        await author.Data("mutation($c: ID!, $b: String!) { createPost(input: { communityId: $c, title: \"Hi\", body: $b }) { id } }",
            new { c = community, b = $"Welcome @{readerHandle}" });
        var mail = Assert.Single(await app.MailsTo($"{readerHandle}@example.test"));
        var link = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var anonymous = app.Host.Server.CreateClient();

        var query = HttpUtility.ParseQueryString(link.Query);
        var forgedForSomeoneElse = $"/mail/unsubscribe?user={PlatformApp.UserId("someone")}&kind={query["kind"]}&sig={query["sig"]}";
        var forgedKind = $"/mail/unsubscribe?user={query["user"]}&kind=Receipt&sig={query["sig"]}";
        foreach (var forged in new[] { forgedForSomeoneElse, forgedKind, $"/mail/unsubscribe?user={query["user"]}&kind=Mention&sig=AAAA" })
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsync(forged, null)).StatusCode);
        Assert.Equal("EMAIL", await Channel(reader, "MENTION"));
        Assert.Equal("EMAIL", await Channel(reader, "RECEIPT"));

        var page = await anonymous.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("EMAIL", await Channel(reader, "MENTION")); // opening the page alone changes nothing
        var done = await anonymous.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("IN_APP", await Channel(reader, "MENTION"));
        Assert.Equal("EMAIL", await Channel(reader, "RECEIPT"));
    }

    private static async Task<string> Channel(GraphQLClient client, string kind) =>
        (await client.Data("{ notificationPreferences { channels { kind channel } } }")).GetProperty("notificationPreferences").GetProperty("channels")
            .EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind).GetProperty("channel").GetString()!;

    [Fact]
    public async Task a_moderators_decision_on_a_post_mails_its_author_the_outcome_and_reason()
    {
        var (owner, author, reporter) = (await app.Person("owner"), await app.Person("author"), await app.Person("reporter"));
        var community = await Community(owner);
        foreach (var member in new[] { author, reporter }) await member.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = community });
        var post = (await author.Data("mutation($c: ID!) { createPost(input: { communityId: $c, title: \"Cheap strings\", body: \"Buy here.\" }) { id } }",
            new { c = community })).GetProperty("createPost").GetProperty("id").GetString();
        var report = (await reporter.Data("mutation($t: ID!) { reportContent(targetId: $t, reason: SPAM) { id } }", new { t = post }))
            .GetProperty("reportContent").GetProperty("id").GetString();
        await owner.Data("mutation($r: ID!) { resolveReport(reportId: $r, action: HIDE, reason: \"Advertising is not allowed here.\") { id } }", new { r = report });

        var mail = Assert.Single(await app.MailsTo($"{await Handle(author)}@example.test"));
        Assert.Equal("About your post: hidden", mail.Subject);
        Assert.Contains("Advertising is not allowed here.", mail.TextBody);
    }

    [Fact]
    public async Task a_staff_answer_to_a_ticket_mails_the_customer_unless_they_chose_in_app_and_an_internal_note_mails_no_one()
    {
        var (customer, inApp) = (await app.Person("customer"), await app.Person("inapp"));
        var admin = app.Client(Shops.NewUser("admin"), "admin");
        await inApp.Data("mutation { updateNotificationPreferences(input: { channels: [{ kind: TICKET_REPLY, channel: IN_APP }] }) { digest } }");
        const string Open = "mutation { openTicket(input: { subject: \"My login\", body: \"The code never arrives.\", category: ACCOUNT }) { id } }";
        const string Reply = "mutation($t: ID!, $b: String!, $n: Boolean) { replyToTicket(ticketId: $t, body: $b, internal: $n) { id } }";
        var (ticket, inAppTicket) = ((await customer.Data(Open)).GetProperty("openTicket").GetProperty("id").GetString(),
            (await inApp.Data(Open)).GetProperty("openTicket").GetProperty("id").GetString());

        await admin.Data(Reply, new { t = inAppTicket, b = "Seen in the app only.", n = false });
        await admin.Data(Reply, new { t = ticket, b = "Customer seems locked out.", n = true });
        await customer.Data(Reply, new { t = ticket, b = "Still nothing.", n = false });
        await admin.Data(Reply, new { t = ticket, b = "Try again now, it is fixed.", n = false });

        var mail = Assert.Single(await app.MailsTo($"{await Handle(customer)}@example.test"));
        Assert.Equal("Re: My login", mail.Subject);
        Assert.Contains("Try again now, it is fixed.", mail.TextBody);
        // The answer to the member who chose IN_APP was decided before the one that arrived.
        var inAppAddress = $"{await Handle(inApp)}@example.test";
        Assert.DoesNotContain(Directory.GetFiles(app.Folder, "*.eml").Select(f => MimeMessage.Load(f)), m => m.To.Mailboxes.Any(b => b.Address == inAppAddress));
    }
}
