using System.Text.Json;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Search;

/// <summary>Help articles in <c>search</c>: members find the published version only; admins, who write them, find drafts too.</summary>
public sealed class when_members_search_help(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string Search = "query($t: String!) { search(text: $t, kinds: [HELP_ARTICLE]) { kind id title snippet } }";

    private static async Task<List<JsonElement>> Found(GraphQLClient client, string text) =>
        [.. (await client.Data(Search, new { t = text })).GetProperty("search").EnumerateArray()];

    private static async Task<List<string?>> Titles(GraphQLClient client, string text) =>
        [.. (await Found(client, text)).Select(h => h.GetProperty("title").GetString())];

    private GraphQLClient Admin() => app.Client(Shops.NewUser("staff"), "admin");

    internal static async Task<string> Write(GraphQLClient admin, string title, string body, string? articleId = null) =>
        (await admin.Data("mutation($i: WriteHelpArticleInput!) { writeHelpArticle(input: $i) { id } }",
            new { i = new { articleId, collection = "Payments", title, body } })).GetProperty("writeHelpArticle").GetProperty("id").GetString()!;

    internal static Task Publish(GraphQLClient admin, string article, bool published = true) =>
        admin.Data("mutation($a: ID!, $p: Boolean) { publishHelpArticle(articleId: $a, published: $p) { id } }", new { a = article, p = published });

    [Fact]
    public async Task a_published_article_is_found_by_stem_and_by_prefix()
    {
        var tag = when_members_search.Tag();
        var admin = Admin();
        var article = await Write(admin, $"Refunding a payment {tag}", "Your money reaches the card you paid with within five days.");
        await Publish(admin, article);
        await app.WaitForProjections();
        var member = app.Client(Shops.NewUser("reader"));

        var hit = Assert.Single(await Found(member, $"refunds {tag}")); // same stem as "Refunding"
        Assert.Equal(("HELP_ARTICLE", article), (hit.GetProperty("kind").GetString(), hit.GetProperty("id").GetString()));
        Assert.Equal([$"Refunding a payment {tag}"], await Titles(member, $"{tag} refu")); // type-ahead prefix
        Assert.Contains("<mark>card</mark>", Assert.Single(await Found(member, $"{tag} cards")).GetProperty("snippet").GetString()); // the body is searched
    }

    [Fact]
    public async Task an_unpublished_article_is_found_by_admins_only()
    {
        var tag = when_members_search.Tag();
        var admin = Admin();
        var member = app.Client(Shops.NewUser("reader"));
        var article = await Write(admin, $"Payouts {tag}", "When creators are paid.");
        await app.WaitForProjections();
        Assert.Empty(await Found(member, tag));
        Assert.Equal([$"Payouts {tag}"], await Titles(Admin(), tag)); // any admin, not only its writer

        await Publish(admin, article);
        await app.WaitForProjections();
        Assert.Equal([$"Payouts {tag}"], await Titles(member, tag));

        await Publish(admin, article, published: false);
        await app.WaitForProjections();
        Assert.Empty(await Found(member, tag));
        Assert.Equal([$"Payouts {tag}"], await Titles(Admin(), tag));
    }

    [Fact]
    public async Task a_draft_written_after_publishing_is_not_found_by_members_until_it_is_published()
    {
        var (published, drafted) = (when_members_search.Tag(), when_members_search.Tag());
        var admin = Admin();
        var member = app.Client(Shops.NewUser("reader"));
        var article = await Write(admin, $"Changing your handle {published}", "Open settings.");
        await Publish(admin, article);
        await Write(admin, $"Changing your name {drafted}", $"Open your profile {drafted}.", article);
        await app.WaitForProjections();

        Assert.Empty(await Found(member, drafted));
        Assert.Equal([$"Changing your handle {published}"], await Titles(member, published));

        await Publish(admin, article);
        await app.WaitForProjections();
        Assert.Equal([$"Changing your name {drafted}"], await Titles(member, drafted));
        Assert.Empty(await Found(member, published));
    }
}
