using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Help;

/// <summary>The platform on a clock the tests move: seven days pass in a moment.</summary>
public sealed class HelpApp : PlatformApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class when_members_ask_for_help(HelpApp app) : IClassFixture<HelpApp>
{
    private const string TicketFields = "id subject status category customer { handle } assignee { handle } solvedAt closedAt replies { body internal byStaff author { handle } }";

    private static string User(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    private GraphQLClient Admin(string admin) => app.Client(admin, "admin");

    private async Task<string> Article(string admin, string collection, string title, string body, bool publish = true)
    {
        var id = (await Admin(admin).Data("mutation($i: WriteHelpArticleInput!) { writeHelpArticle(input: $i) { id } }",
            new { i = new { collection, title, body } })).GetProperty("writeHelpArticle").GetProperty("id").GetString()!;
        if (publish) await Admin(admin).Data("mutation($a: ID!) { publishHelpArticle(articleId: $a) { id } }", new { a = id });
        return id;
    }

    private async Task<List<string?>> Search(string? search, GraphQLClient? reader = null) =>
        (await (reader ?? app.Client()).Data("query($s: String) { helpArticles(search: $s) { title } }", new { s = search }))
        .GetProperty("helpArticles").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList();

    [Fact]
    public async Task articles_are_found_by_words_in_their_body_most_relevant_first()
    {
        var admin = User("admin");
        var word = $"zq{Guid.NewGuid():N}"[..10]; // a word no other test's article holds
        await Article(admin, "Payments", "Getting your money back", $"Ask the creator. A {word} is paid to the card you used.");
        await Article(admin, "Payments", $"How a {word} works", $"Every {word} is reviewed; a {word} takes five days. The {word} shows on your receipt.");
        await Article(admin, "Payments", "Unpublished", $"A draft about {word}.", publish: false);
        await Article(admin, "Courses", "Lessons", "Nothing about money here.");

        Assert.Equal([$"How a {word} works", "Getting your money back"], await Search(word));
        Assert.Equal(["Getting your money back"], await Search($"{word} cards")); // English stemming: "cards" finds "card"
        Assert.Empty(await Search($"{word} -money -works"));
    }

    [Fact]
    public async Task a_new_version_shows_only_once_published_and_readers_rate_it()
    {
        var admin = User("admin");
        var word = $"zq{Guid.NewGuid():N}"[..10];
        var id = await Article(admin, "Account", "Changing your handle", $"Open settings. {word}");
        await Admin(admin).Data("mutation($i: WriteHelpArticleInput!) { writeHelpArticle(input: $i) { id } }",
            new { i = new { articleId = id, collection = "Account", title = "Changing your name", body = $"Open your profile. {word}" } });

        Assert.Equal(["Changing your handle"], await Search(word));
        var draft = (await Admin(admin).Data("query($a: ID!) { helpArticle(id: $a) { version draft { title version } } }", new { a = id })).GetProperty("helpArticle");
        Assert.Equal((2, "Changing your name"), (draft.GetProperty("version").GetInt32(), draft.GetProperty("draft").GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, (await app.Client(User("reader")).Data("query($a: ID!) { helpArticle(id: $a) { draft { title } } }", new { a = id }))
            .GetProperty("helpArticle").GetProperty("draft").ValueKind);
        await Admin(admin).Data("mutation($a: ID!) { publishHelpArticle(articleId: $a) { id } }", new { a = id });
        Assert.Equal(["Changing your name"], await Search(word));

        var (ann, bob) = (User("ann"), User("bob"));
        const string rate = "mutation($a: ID!, $h: Boolean!) { rateHelpArticle(articleId: $a, helpful: $h) { id } }";
        await app.Client(ann).Data(rate, new { a = id, h = false });
        await app.Client(ann).Data(rate, new { a = id, h = true }); // changed their mind: one vote, now helpful
        await app.Client(bob).Data(rate, new { a = id, h = true });
        await app.WaitForProjections();
        var counts = (await app.Client().Data("query($a: ID!) { helpArticle(id: $a) { helpfulCount notHelpfulCount } }", new { a = id })).GetProperty("helpArticle");
        Assert.Equal((2, 0), (counts.GetProperty("helpfulCount").GetInt32(), counts.GetProperty("notHelpfulCount").GetInt32()));
    }

    private async Task<JsonElement> Ticket(GraphQLClient client, string mutation, object variables) =>
        (await client.Data($"mutation($t: ID!{mutation.Split('|')[0]}) {{ {mutation.Split('|')[1]} {{ {TicketFields} }} }}", variables)).EnumerateObject().Single().Value;

    private async Task<JsonElement> Open(string customer, string category) =>
        (await app.Client(customer).Data($"mutation($i: OpenTicketInput!) {{ openTicket(input: $i) {{ {TicketFields} }} }}",
            new { i = new { subject = "My refund", body = "I was charged twice.", category, relatedId = Guid.NewGuid() } })).GetProperty("openTicket");

    private Task<JsonElement> Reply(GraphQLClient client, string ticket, string body, bool isInternal = false) =>
        Ticket(client, ", $b: String!, $n: Boolean|replyToTicket(ticketId: $t, body: $b, internal: $n)", new { t = ticket, b = body, n = isInternal });

    /// <summary>Wolverine's own clock: the scheduled close is due now, as it would be seven days on.</summary>
    private async Task MakeScheduledClosesDue()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var due = new NpgsqlCommand(
            $"update {await Schema(connection)}.wolverine_incoming_envelopes set execution_time = now() - interval '1 second' where status = 'Scheduled' and message_type ilike '%CloseSolvedTicket%'",
            connection);
        Assert.True(await due.ExecuteNonQueryAsync() > 0, "No scheduled auto-close was found");
    }

    private async Task<JsonElement> Eventually(string viewer, string ticket, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var seen = (await app.Client(viewer).Data($"query($t: ID!) {{ ticket(ticketId: $t) {{ {TicketFields} }} }}", new { t = ticket })).GetProperty("ticket");
            if (condition(seen) || DateTime.UtcNow > deadline) return seen;
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task a_payment_ticket_lives_from_open_to_closed_by_the_schedule_seven_days_after_solving()
    {
        var (customer, admin, finance) = (User("customer"), User("admin"), User("finance"));
        await app.Client(finance, "finance").Data("{ me { id } }");
        var opened = await Open(customer, "PAYMENT");
        var id = opened.GetProperty("id").GetString()!;
        Assert.Equal("OPEN", opened.GetProperty("status").GetString());

        var assigned = await Ticket(Admin(admin), ", $u: ID!|assignTicket(ticketId: $t, assigneeId: $u)", new { t = id, u = PlatformApp.UserId(finance) });
        Assert.Equal(finance, assigned.GetProperty("assignee").GetProperty("handle").GetString());
        var financeClient = app.Client(finance, "finance");
        await Reply(financeClient, id, "Checked with the bank: the second charge is a hold.", isInternal: true);
        var answered = await Reply(financeClient, id, "The second charge is a hold and disappears in a few days.");
        Assert.Equal("WAITING_ON_CUSTOMER", answered.GetProperty("status").GetString());
        Assert.Equal(2, answered.GetProperty("replies").GetArrayLength());

        var asCustomer = await Reply(app.Client(customer), id, "Thanks, I will wait.");
        Assert.Equal("OPEN", asCustomer.GetProperty("status").GetString());
        Assert.DoesNotContain(asCustomer.GetProperty("replies").EnumerateArray(), r => r.GetProperty("internal").GetBoolean());
        Assert.Equal(2, asCustomer.GetProperty("replies").GetArrayLength());

        var solved = await Ticket(financeClient, "|solveTicket(ticketId: $t)", new { t = id });
        Assert.Equal("SOLVED", solved.GetProperty("status").GetString());
        var solvedAt = solved.GetProperty("solvedAt").GetDateTimeOffset();

        app.Clock.Advance(TimeSpan.FromDays(7));
        await MakeScheduledClosesDue();
        var closed = await Eventually(customer, id, t => t.GetProperty("status").GetString() == "CLOSED");
        Assert.Equal("CLOSED", closed.GetProperty("status").GetString());
        Assert.Equal(solvedAt + TimeSpan.FromDays(7), closed.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("CONFLICT", (await app.Client(customer).Send("mutation($t: ID!) { replyToTicket(ticketId: $t, body: \"One more thing\") { id } }", new { t = id })).FirstErrorCode);

        // Both sides heard of the other's replies; nobody of their own, nor of the internal note.
        await app.WaitForProjections();
        const string notifications = "query($o: ID!) { feed(type: NOTIFICATION, ownerId: $o) { nodes { verb objectId } } }";
        foreach (var (who, client, expected) in new[] { (customer, app.Client(customer), 1), (finance, financeClient, 1) })
        {
            var items = (await client.Data(notifications, new { o = PlatformApp.UserId(who) })).GetProperty("feed").GetProperty("nodes").EnumerateArray()
                .Where(n => n.GetProperty("verb").GetString() == "ticket_reply").ToList();
            Assert.Equal(expected, items.Count);
            Assert.All(items, n => Assert.Equal(id, n.GetProperty("objectId").GetString()));
        }

        // The whole life is in the audit trail, the close recorded as the schedule's.
        var trail = (await Admin(admin).Data("query($id: ID!) { auditTrail(entityType: TICKET, entityId: $id) { nodes { type actor source } } }", new { id }))
            .GetProperty("auditTrail").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["TicketOpened", "TicketAssigned", "TicketReplied", "TicketReplied", "TicketStatusChanged", "TicketReplied", "TicketStatusChanged",
            "TicketStatusChanged", "TicketStatusChanged"], trail.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("schedule:ticket-auto-close", trail[^1].GetProperty("actor").GetString());
        Assert.Equal("graphql:solveTicket", trail[^2].GetProperty("source").GetString());
    }

    [Fact]
    public async Task a_customer_answering_a_solved_ticket_reopens_it_and_the_schedule_leaves_it_open()
    {
        var (customer, admin) = (User("customer"), User("admin"));
        var id = (await Open(customer, "ACCOUNT")).GetProperty("id").GetString()!;
        await Ticket(Admin(admin), "|solveTicket(ticketId: $t)", new { t = id });
        var reopened = await Reply(app.Client(customer), id, "It happened again.");
        Assert.Equal("OPEN", reopened.GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromDays(8));
        await MakeScheduledClosesDue();
        // Wait for the schedule to have run: it leaves no event, so watch its envelope leave the store.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long pending;
        do
        {
            await Task.Delay(250);
            await using var left = new NpgsqlCommand($"select count(*) from {await Schema(connection)}.wolverine_incoming_envelopes where message_type ilike '%CloseSolvedTicket%' and status <> 'Handled'", connection);
            pending = (long)(await left.ExecuteScalarAsync())!;
        } while (pending > 0 && DateTime.UtcNow < deadline);
        Assert.Equal(0, pending);
        Assert.Equal("OPEN", (await Eventually(customer, id, _ => true)).GetProperty("status").GetString());
    }

    private static async Task<string> Schema(NpgsqlConnection connection)
    {
        await using var find = new NpgsqlCommand("select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'", connection);
        return (string)(await find.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task staff_notes_stay_with_staff_and_other_members_see_no_ticket_at_all()
    {
        var (customer, other, admin, finance) = (User("customer"), User("other"), User("admin"), User("finance"));
        var id = (await Open(customer, "TECHNICAL")).GetProperty("id").GetString()!;
        await Reply(Admin(admin), id, "Probably the cache.", isInternal: true);

        Assert.Equal("FORBIDDEN", (await app.Client(customer).Send("mutation($t: ID!) { replyToTicket(ticketId: $t, body: \"x\", internal: true) { id } }", new { t = id })).FirstErrorCode);
        var seen = (await app.Client(customer).Data("query($t: ID!) { ticket(ticketId: $t) { replies { body } } }", new { t = id })).GetProperty("ticket");
        Assert.Equal(0, seen.GetProperty("replies").GetArrayLength());
        var staff = (await Admin(admin).Data("query($t: ID!) { ticket(ticketId: $t) { replies { body internal } } }", new { t = id })).GetProperty("ticket");
        Assert.True(staff.GetProperty("replies")[0].GetProperty("internal").GetBoolean());

        Assert.Equal("NOT_FOUND", (await app.Client(other).Send("query($t: ID!) { ticket(ticketId: $t) { id } }", new { t = id })).FirstErrorCode);
        // Finance handles payment and payout tickets only.
        Assert.Equal("NOT_FOUND", (await app.Client(finance, "finance").Send("query($t: ID!) { ticket(ticketId: $t) { id } }", new { t = id })).FirstErrorCode);
        var listed = (await app.Client(other).Data("{ tickets { nodes { id } } }")).GetProperty("tickets").GetProperty("nodes");
        Assert.Equal(0, listed.GetArrayLength());
        var mine = (await app.Client(customer).Data("{ tickets { nodes { id } } }")).GetProperty("tickets").GetProperty("nodes");
        Assert.Equal([id], mine.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }
}
