using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;
using Platform.Projections.Search;

namespace Platform.IntegrationTests.Search;

public sealed class when_members_search(PlatformApp app) : IClassFixture<PlatformApp>
{
    /// <summary>A word no other test uses, so each test finds only what it made (every word of a search must match).</summary>
    internal static string Tag() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8));

    private const string Search = "query($t: String!, $k: [SearchKind!]) { search(text: $t, kinds: $k) { kind id title snippet rank } }";

    private static async Task<List<JsonElement>> Found(GraphQLClient client, string text, params string[] kinds) =>
        [.. (await client.Data(Search, new { t = text, k = kinds.Length == 0 ? null : kinds })).GetProperty("search").EnumerateArray()];

    private static List<string?> Titles(List<JsonElement> hits) => [.. hits.Select(h => h.GetProperty("title").GetString())];

    private Task<(GraphQLClient Owner, string Community)> Community(string name, string description, string visibility = "PUBLIC") =>
        Community(app, name, description, visibility);

    internal static async Task<(GraphQLClient Owner, string Community)> Community(PlatformApp app, string name, string description, string visibility = "PUBLIC")
    {
        var owner = app.Client(Shops.NewUser("owner"));
        var id = (await owner.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name, description, slug = $"s-{Guid.NewGuid():N}"[..20], visibility } })).GetProperty("createCommunity").GetProperty("id").GetString()!;
        return (owner, id);
    }

    internal static async Task<string> Post(GraphQLClient author, string community, string title, string body) =>
        (await author.Data("mutation($c: ID!, $t: String!, $b: String!) { createPost(input: { communityId: $c, title: $t, body: $b }) { id } }",
            new { c = community, t = title, b = body })).GetProperty("createPost").GetProperty("id").GetString()!;

    [Fact]
    public async Task it_finds_by_stem_and_by_prefix_and_ranks_a_title_match_above_a_body_match()
    {
        var tag = Tag();
        var (owner, community) = await Community("Luthiers", "Guitar makers");
        await Post(owner, community, "Weekend notes", $"Some talk about bracing the top {tag}");
        await Post(owner, community, "Bracing basics", $"Start here {tag}");
        await app.WaitForProjections();
        var member = app.Client(Shops.NewUser("reader"));

        Assert.Equal(["Bracing basics", "Weekend notes"], Titles(await Found(member, $"bracing {tag}")));
        Assert.Equal(["Bracing basics", "Weekend notes"], Titles(await Found(member, $"braces {tag}"))); // same stem
        Assert.Equal(["Bracing basics", "Weekend notes"], Titles(await Found(member, $"{tag} brac"))); // type-ahead prefix
        var hit = (await Found(member, $"{tag} weekend")).Single();
        Assert.Contains($"<mark>{tag}</mark>", hit.GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task a_name_with_a_typo_still_finds_the_community()
    {
        var tag = Tag();
        var (_, community) = await Community($"Acoustic {tag}", "Steel strings");
        await app.WaitForProjections();
        var hits = await Found(app.Client(Shops.NewUser("reader")), $"acustic {tag}", "COMMUNITY");
        Assert.Equal(community, Assert.Single(hits).GetProperty("id").GetString());
    }

    [Fact]
    public async Task a_private_communitys_content_is_found_by_its_members_only()
    {
        var tag = Tag();
        var (owner, community) = await Community($"Inner circle {tag}", "Members only", "PRIVATE");
        await Post(owner, community, "Secret jig", $"Our fret jig {tag}");
        await app.WaitForProjections();

        Assert.Empty(await Found(app.Client(Shops.NewUser("outsider")), tag));
        Assert.Equal(2, (await Found(owner, tag)).Count); // the community and its post
        Assert.Equal(2, (await Found(app.Client(Shops.NewUser("staff"), "admin"), tag)).Count);
    }

    [Fact]
    public async Task an_unpublished_course_and_its_lessons_are_found_by_its_creator_only()
    {
        var tag = Tag();
        var (owner, community) = await Community("Classroom", "Courses");
        var course = (await owner.Data("mutation($c: ID!, $t: String!) { createCourse(communityId: $c, input: { title: $t }) { id } }",
            new { c = community, t = $"Draft {tag}" })).GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await owner.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"One\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        await owner.Data("mutation($m: ID!, $t: String!) { addLesson(moduleId: $m, input: { title: $t, body: \"paid words\" }) { id } }", new { m = module, t = $"Lesson {tag}" });
        await app.WaitForProjections();
        var member = app.Client(Shops.NewUser("reader"));

        Assert.Empty(await Found(member, tag));
        Assert.Empty(await Found(app.Client(Shops.NewUser("staff"), "admin"), tag));
        Assert.Equal(["COURSE", "LESSON"], (await Found(owner, tag)).Select(h => h.GetProperty("kind").GetString()).Order());

        await owner.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        await app.WaitForProjections();
        Assert.Equal(2, (await Found(member, tag)).Count);
        Assert.Empty(await Found(member, "paid words")); // a lesson's body is not searchable
    }

    [Fact]
    public async Task a_deleted_post_and_its_comments_are_found_by_staff_only()
    {
        var tag = Tag();
        var (owner, community) = await Community("Cleanup", "Deleting");
        var post = await Post(owner, community, "Gone soon", $"Spam {tag}");
        await owner.Data("mutation($p: ID!, $b: String!) { addComment(postId: $p, input: { body: $b }) { id } }", new { p = post, b = $"Reply {tag}" });
        await app.WaitForProjections();
        var member = app.Client(Shops.NewUser("reader"));
        Assert.Equal(2, (await Found(member, tag)).Count);

        await owner.Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = post });
        await app.WaitForProjections();
        Assert.Empty(await Found(member, tag));
        Assert.Empty(await Found(owner, tag));
        Assert.Equal(2, (await Found(app.Client(Shops.NewUser("staff"), "admin"), tag)).Count);
    }

    [Fact]
    public async Task the_full_text_filter_is_the_indexed_expression()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            select indexdef from pg_indexes where tablename = 'mt_doc_searchentry' and indexdef like '%to_tsvector%'
            """, connection);
        var definition = (string?)await command.ExecuteScalarAsync();
        Assert.NotNull(definition);
        Assert.Contains("to_tsvector('english'::regconfig, (((data ->> 'Title'::text) || ' '::text) || (data ->> 'Body'::text)))", definition);
    }

    [Fact]
    public async Task search_refuses_oversized_input()
    {
        var member = app.Client(Shops.NewUser("reader"));
        Assert.Equal("VALIDATION", (await member.Send(Search, new { t = new string('a', 201) })).FirstErrorCode);
        Assert.Equal("VALIDATION", (await member.Send("{ search(text: \"a\", first: 51) { id } }")).FirstErrorCode);
    }
}

/// <summary>A class of its own: a rebuild stops the live shard of the projection for the rest of its host's life.</summary>
public sealed class when_the_search_index_is_rebuilt(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task rebuilding_the_search_index_from_the_events_gives_the_same_entries_as_live()
    {
        var tag = when_members_search.Tag();
        var (owner, community) = await when_members_search.Community(app, $"Rebuild {tag}", "Index");
        var post = await when_members_search.Post(owner, community, "Edited", $"First {tag}");
        await owner.Data("mutation($p: ID!) { editPost(postId: $p, input: { title: \"Edited twice\" }) { id } }", new { p = post });
        await owner.Data("mutation($c: ID!) { updateCommunitySettings(communityId: $c, input: { description: \"Changed\" }) { id } }", new { c = community });
        var admin = app.Client(Shops.NewUser("staff"), "admin");
        var article = await when_members_search_help.Write(admin, $"Published {tag}", "Version one");
        await when_members_search_help.Publish(admin, article);
        await when_members_search_help.Write(admin, $"Drafted {tag}", "Version two", article);
        await app.WaitForProjections();

        var store = app.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<string[]> Entries()
        {
            await using var session = store.QuerySession();
            return [.. (await session.Query<SearchEntry>().ToListAsync()).OrderBy(e => e.Id).Select(store.Options.Serializer().ToJson)];
        }
        var live = await Entries();
        Assert.Contains(live, e => e.Contains("Edited twice"));
        Assert.Contains(live, e => e.Contains($"Drafted {tag}"));

        await app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase()
            .RebuildProjectionAsync<SearchEntryProjection>(CancellationToken.None);
        Assert.Equal(live, await Entries());
    }
}
