using System.Net;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Identity;
using Platform.IntegrationTests.Support;
using Wolverine;

namespace Platform.IntegrationTests.Privacy;

/// <summary>A person with activity everywhere, and the shop they buy from: what the erasure and export tests start from.</summary>
public sealed class PrivacyScenario(PlatformApp app)
{
    public sealed record Person(string Subject, string Handle, string DisplayName, string Email, Guid Id)
    {
        public string[] Identifying => [Email, Handle, DisplayName];
    }

    public sealed record Shop(string Creator, string Community, string Course, string Lesson);

    public static string User(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..16];

    /// <summary>Registered with an email the way an OpenID Connect token would give it, then a profile with a bio and a new handle.</summary>
    public async Task<Person> Register()
    {
        var subject = User("pv");
        var id = PlatformApp.UserId(subject);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var person = new Person(subject, $"hd{unique}", $"Quillon Vexmoor{unique}", $"qv{unique}@example.test", id);
        await using (var scope = app.Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(
                new RegisterUser(id, EmbeddedIssuer.Issuer, subject, subject, person.DisplayName, person.Email, []));
        await app.Client(subject).Data("mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { handle } }",
            new { i = new { handle = person.Handle, displayName = person.DisplayName, bio = $"I am {person.DisplayName}, write to {person.Email}" } });
        return person;
    }

    /// <summary>A creator (a new one unless named) with a finished payout account, a community and a paid published course with one lesson.</summary>
    public async Task<Shop> OpenShop(string? creator = null)
    {
        creator ??= User("seller");
        var client = app.Client(creator);
        var community = await Given.Community(client, "Privacy shop");
        var course = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Paid\", access: PAID }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"M\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        var lesson = (await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"L\" }) { draft { lessons { id } } } }", new { m = module }))
            .GetProperty("addLesson").GetProperty("draft")[0].GetProperty("lessons")[0].GetProperty("id").GetString()!;
        await client.Data("mutation($p: ID!, $i: SetPriceInput!) { setPrice(productId: $p, input: $i) { id } }",
            new { p = course, i = new { amount = 2000, currency = "eur", interval = "ONE_TIME" } });
        await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        var url = (await client.Data("mutation { startPayoutOnboarding { onboardingUrl } }")).GetProperty("startPayoutOnboarding").GetProperty("onboardingUrl").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.PostAsync(new Uri(url).PathAndQuery, null)).StatusCode);
        return new Shop(creator, community, course, lesson);
    }

    /// <summary>Waits for the async projections, then rebuilds every projection from the events, as an operator would.</summary>
    public async Task RebuildEveryProjection()
    {
        await app.WaitForProjections();
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var projection in app.Host.Services.GetRequiredService<IDocumentStore>().Options.Events.Projections().Select(p => p.Name).Distinct())
            await daemon.RebuildProjectionAsync(projection, CancellationToken.None);
    }

    /// <summary>Every row of every table, as text, that contains <paramref name="term"/> (case-insensitive).</summary>
    public async Task<List<string>> TableHits(string term)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select format('%I.%I', table_schema, table_name) from information_schema.tables where table_type = 'BASE TABLE' " +
            "and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains(tables, t => t.EndsWith(".mt_events"));
        var hits = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"select r::text from {table} r where strpos(lower(r::text), lower($1)) > 0", connection);
            search.Parameters.AddWithValue(term);
            await using var reader = await search.ExecuteReaderAsync();
            while (await reader.ReadAsync()) hits.Add($"{table}: {reader.GetString(0)}");
        }
        return hits;
    }

    /// <summary>Joins the shop's community and buys its course with the local test card: the purchase's id.</summary>
    public static async Task<Guid> JoinAndBuy(GraphQLClient buyer, Shop shop)
    {
        await buyer.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { id } }", new { c = shop.Community });
        var checkout = (await buyer.Data("mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }", new { p = shop.Course }))
            .GetProperty("startCheckout").GetProperty("checkoutId").GetString()!;
        return Guid.Parse((await buyer.Data("mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { id } }", new { c = checkout }))
            .GetProperty("completeLocalPayment").GetProperty("id").GetString()!);
    }

    /// <summary>
    /// Everything a member does: joins, buys and completes the course, posts, comments, messages the creator, opens a ticket.
    /// Others answer (a comment, a message, a staff note) so the export can be checked for what is not theirs.
    /// </summary>
    /// <returns>The id of the person's post.</returns>
    public async Task<string> Busy(Person person, Shop shop)
    {
        var me = app.Client(person.Subject);
        var creator = app.Client(shop.Creator);
        await JoinAndBuy(me, shop);
        await me.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = shop.Lesson });
        var post = (await me.Data("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
            new { i = new { communityId = shop.Community, title = "My own post", body = "Written by me" } })).GetProperty("createPost").GetProperty("id").GetString()!;
        await creator.Data("mutation($p: ID!) { addComment(postId: $p, input: { body: \"CREATOR-COMMENT-ON-MY-POST\" }) { id } }", new { p = post });
        var theirs = (await creator.Data("mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
            new { i = new { communityId = shop.Community, title = "Creator's post", body = "By the creator" } })).GetProperty("createPost").GetProperty("id").GetString()!;
        await me.Data("mutation($p: ID!) { addComment(postId: $p, input: { body: \"My comment\" }) { id } }", new { p = theirs });
        await app.WaitForProjections(); // whom one may message is read from the member directory
        await me.Data("mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
            new { i = new { toUserId = PlatformApp.UserId(shop.Creator), body = "My message" } });
        await creator.Data("mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
            new { i = new { toUserId = person.Id, body = "CREATOR-PRIVATE-MESSAGE" } });
        var ticket = (await me.Data("mutation { openTicket(input: { subject: \"My ticket\", body: \"Help me\" }) { id } }"))
            .GetProperty("openTicket").GetProperty("id").GetString()!;
        var admin = app.Client(User("admin"), "admin");
        await admin.Data("mutation($t: ID!) { replyToTicket(ticketId: $t, body: \"STAFF-ONLY-NOTE\", internal: true) { id } }", new { t = ticket });
        await admin.Data("mutation($t: ID!) { replyToTicket(ticketId: $t, body: \"Public answer\") { id } }", new { t = ticket });
        await app.WaitForProjections();
        return post;
    }
}
