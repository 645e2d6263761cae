using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Communities;

public sealed class when_a_member_creates_and_joins_communities(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string Create = """
        mutation($input: CreateCommunityInput!) {
          createCommunity(input: $input) { id name slug visibility joinPolicy feePercent memberCount creatorId }
        }
        """;

    private const string Join = "mutation($id: ID!) { joinCommunity(communityId: $id) { id communityId userId status joinedAt requestedAt } }";


    [Fact]
    public async Task creating_a_community_appends_events_and_the_projection_answers_queries()
    {
        var slug = Unique("pottery");
        var created = await app.Client("ana").Data(Create, new { input = new { name = $"Pottery {slug}", slug, description = "Wheel and kiln" } });
        var community = created.GetProperty("createCommunity");
        Assert.Equal(slug, community.GetProperty("slug").GetString());
        Assert.Equal("PUBLIC", community.GetProperty("visibility").GetString());
        Assert.Equal(15, community.GetProperty("feePercent").GetInt32());
        var id = Guid.Parse(community.GetProperty("id").GetString()!);

        var events = await app.EventsOf(id);
        var createdEvent = Assert.IsType<CommunityCreated>(Assert.Single(events).Data);
        Assert.Equal(PlatformApp.UserId("ana"), createdEvent.CreatedBy);
        var creatorMembership = await app.EventsOf(DeterministicId.Membership(id, PlatformApp.UserId("ana")));
        Assert.IsType<MemberJoined>(Assert.Single(creatorMembership).Data);

        await app.WaitForProjections();
        var found = await app.Client().Data("query($s: String) { communities(search: $s) { nodes { id slug memberCount } pageInfo { hasNextPage } } }",
            new { s = slug });
        var node = Assert.Single(found.GetProperty("communities").GetProperty("nodes").EnumerateArray());
        Assert.Equal(id.ToString(), node.GetProperty("id").GetString());
        Assert.Equal(1, node.GetProperty("memberCount").GetInt32());

        var bySlug = await app.Client().Data("query($s: String) { community(slug: $s) { id name } }", new { s = slug });
        Assert.Equal(id.ToString(), bySlug.GetProperty("community").GetProperty("id").GetString());
    }

    [Fact]
    public async Task joining_an_open_community_makes_an_active_member_and_counts_them()
    {
        var slug = Unique("chess");
        var id = (await app.Client("bea").Data(Create, new { input = new { name = "Chess Club", slug } }))
            .GetProperty("createCommunity").GetProperty("id").GetString();

        var joined = (await app.Client("cid").Data(Join, new { id })).GetProperty("joinCommunity");
        Assert.Equal("ACTIVE", joined.GetProperty("status").GetString());
        Assert.Equal(PlatformApp.UserId("cid").ToString(), joined.GetProperty("userId").GetString());

        var again = (await app.Client("cid").Data(Join, new { id })).GetProperty("joinCommunity");
        Assert.Equal(joined.GetProperty("id").GetString(), again.GetProperty("id").GetString());

        await app.WaitForProjections();
        var card = await app.Client().Data("query($id: ID) { community(id: $id) { memberCount } }", new { id });
        Assert.Equal(2, card.GetProperty("community").GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task joining_a_community_that_approves_members_leaves_a_pending_request()
    {
        var slug = Unique("quiet");
        var id = (await app.Client("dan").Data(Create, new { input = new { name = "Quiet Room", slug, joinPolicy = "APPROVAL" } }))
            .GetProperty("createCommunity").GetProperty("id").GetString();

        var joined = (await app.Client("eve").Data(Join, new { id })).GetProperty("joinCommunity");
        Assert.Equal("PENDING", joined.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, joined.GetProperty("joinedAt").ValueKind);

        await app.WaitForProjections();
        var card = await app.Client().Data("query($id: ID) { community(id: $id) { memberCount } }", new { id });
        Assert.Equal(1, card.GetProperty("community").GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task a_slug_is_claimed_once()
    {
        var slug = Unique("twice");
        await app.Client("fay").Data(Create, new { input = new { name = "First", slug } });

        var second = await app.Client("gus").Send(Create, new { input = new { name = "Second", slug } });

        Assert.Equal("CONFLICT", second.FirstErrorCode);
        Assert.Equal($"The slug '{slug}' is taken; choose another.", second.Errors!.Value[0].GetProperty("message").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.Body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task two_racing_claims_of_one_slug_give_one_community_and_one_conflict()
    {
        var slug = Unique("race");
        var attempts = await Task.WhenAll(
            app.Client("hal").Send(Create, new { input = new { name = "Racer A", slug } }),
            app.Client("ivy").Send(Create, new { input = new { name = "Racer B", slug } }));

        Assert.Single(attempts, a => a.Errors is null);
        Assert.Single(attempts, a => a.FirstErrorCode == "CONFLICT");
    }

    [Theory]
    [InlineData("", "ok-slug")]
    [InlineData("Name", "Bad Slug")]
    [InlineData("Name", "-leading")]
    [InlineData("Name", "ab")]
    public async Task invalid_input_is_rejected_and_nothing_is_written(string name, string slug)
    {
        var response = await app.Client("jo").Send(Create, new { input = new { name, slug } });

        Assert.Equal("VALIDATION", response.FirstErrorCode);
        await app.WaitForProjections();
        var found = await app.Client().Data("query($s: String) { community(slug: $s) { id } }", new { s = slug });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, found.GetProperty("community").ValueKind);
    }

    [Fact]
    public async Task creating_or_joining_needs_a_signed_in_caller()
    {
        var create = await app.Client().Send(Create, new { input = new { name = "Anon", slug = Unique("anon") } });
        var join = await app.Client().Send(Join, new { id = Guid.NewGuid() });

        Assert.Equal("UNAUTHENTICATED", create.FirstErrorCode);
        Assert.Equal("UNAUTHENTICATED", join.FirstErrorCode);
    }

    [Fact]
    public async Task joining_a_community_that_does_not_exist_is_not_found()
    {
        var response = await app.Client("kim").Send(Join, new { id = Guid.NewGuid() });

        Assert.Equal("NOT_FOUND", response.FirstErrorCode);
    }

    [Fact]
    public async Task a_private_community_is_hidden_from_discovery_and_from_non_members()
    {
        var slug = Unique("secret");
        await app.Client("lea").Data(Create, new { input = new { name = $"Secret {slug}", slug, visibility = "PRIVATE", joinPolicy = "APPROVAL" } });
        await app.WaitForProjections();

        var listed = await app.Client("max").Data("query($s: String) { communities(search: $s) { nodes { id } } }", new { s = slug });
        var asStranger = await app.Client("max").Data("query($s: String) { community(slug: $s) { id } }", new { s = slug });
        var asCreator = await app.Client("lea").Data("query($s: String) { community(slug: $s) { id } }", new { s = slug });

        Assert.Empty(listed.GetProperty("communities").GetProperty("nodes").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asStranger.GetProperty("community").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, asCreator.GetProperty("community").ValueKind);
    }

    [Fact]
    public async Task discovery_pages_with_cursors_newest_first()
    {
        var tag = Unique("page");
        foreach (var n in Enumerable.Range(1, 5))
            await app.Client("ned").Data(Create, new { input = new { name = $"{tag} {n}", slug = $"{tag}-{n}" } });
        await app.WaitForProjections();

        const string page = "query($s: String, $after: String) { communities(search: $s, first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
        var names = new List<string>();
        string? after = null;
        bool more;
        do
        {
            var connection = (await app.Client().Data(page, new { s = tag, after })).GetProperty("communities");
            names.AddRange(connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()!));
            more = connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        } while (more);

        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(n => $"{tag} {n}"), names);
    }

    [Fact]
    public async Task the_callers_correlation_id_and_user_id_are_recorded_on_every_event_of_the_command()
    {
        var slug = Unique("traced");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = Create, variables = new { input = new { name = "Traced", slug } } }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PlatformApp.Token("olga"));
        request.Headers.Add("X-Correlation-Id", "trace-olga-1");

        using var response = await app.Host.Server.CreateClient().SendAsync(request);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = Guid.Parse(body.RootElement.GetProperty("data").GetProperty("createCommunity").GetProperty("id").GetString()!);

        var events = (await app.EventsOf(id)).Concat(await app.EventsOf(DeterministicId.Membership(id, PlatformApp.UserId("olga")))).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal("trace-olga-1", e.CorrelationId);
            Assert.Equal(PlatformApp.UserId("olga").ToString(), e.UserName);
        });
    }
}
