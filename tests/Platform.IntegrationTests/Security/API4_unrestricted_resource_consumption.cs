using System.Net;
using System.Text;
using Platform.Api.GraphQL;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// OWASP API4:2023. Expensive documents are refused before validation (their cost is bounded in the length of the text),
/// bodies have a size limit, and every caller has rate limits: 429 with Retry-After over HTTP, 4429 over WebSocket.
/// </summary>
public sealed class API4_unrestricted_resource_consumption(PlatformApp app, TightRateLimitsApp tight)
    : IClassFixture<PlatformApp>, IClassFixture<TightRateLimitsApp>
{
    public static TheoryData<string, string> AbusiveDocuments => new()
    {
        { nameof(Attacks.DuplicateFields), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.ListReads), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.AliasedLookups), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.FragmentSpreads), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.ManyTokens), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.FragmentBomb), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.SixtyAliases), "DOCUMENT_TOO_LARGE" },
        { nameof(Attacks.FortyFiveRootLookups), "COMPLEXITY" },
    };

    [Theory]
    [MemberData(nameof(AbusiveDocuments))]
    public async Task an_abusive_document_is_refused_with_a_code_before_it_runs(string attack, string code)
    {
        var document = (string)typeof(Attacks).GetField(attack)!.GetValue(null)!;

        var response = await app.Client().Send(document);

        Assert.Equal(400, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task a_document_nested_hundreds_deep_gets_the_depth_error_not_an_internal_one()
    {
        var response = await app.Client().Send(Attacks.Nested(200));

        Assert.Equal(400, response.Status);
        Assert.Equal("COMPLEXITY", response.FirstErrorCode);
        Assert.Contains("too nested", response.Errors!.Value[0].GetProperty("message").GetString());
    }

    [Fact]
    public void the_standard_introspection_query_passes_the_document_limits()
    {
        var parsed = DocumentLimits.Parse(Attacks.IntrospectionQuery, new GraphQLLimits());

        Assert.Null(parsed.Refusal);
        Assert.NotNull(parsed.Document);
    }

    [Fact]
    public async Task a_body_past_the_size_limit_answers_413()
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await app.Host.Server.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("PAYLOAD_TOO_LARGE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_burst_of_queries_past_the_limit_gets_429_with_retry_after()
    {
        var client = tight.Client(Shops.NewUser("burst"));
        for (var i = 0; i < TightRateLimitsApp.Operations; i++) Assert.Null((await client.Send("{ me { id } }")).Errors);

        var refused = await client.Send("{ me { id } }");

        Assert.Equal(429, refused.Status);
        Assert.True(refused.RetryAfter > TimeSpan.Zero, "Retry-After names a wait");
        Assert.Equal("RATE_LIMITED", refused.FirstErrorCode);
        // Another caller is not affected by this one's burst.
        Assert.Null((await tight.Client(Shops.NewUser("other")).Send("{ me { id } }")).Errors);
    }

    [Fact]
    public async Task mutations_have_a_stricter_limit_than_queries()
    {
        var client = tight.Client(Shops.NewUser("writer"));
        for (var i = 0; i < TightRateLimitsApp.Mutations; i++)
            Assert.Equal(200, (await client.Send("mutation { joinCommunity(communityId: \"not-a-guid\") { id } }")).Status);

        var refused = await client.Send("mutation { joinCommunity(communityId: \"not-a-guid\") { id } }");
        var query = await client.Send("{ me { id } }");

        Assert.Equal(429, refused.Status);
        Assert.Equal("RATE_LIMITED", refused.FirstErrorCode);
        Assert.Null(query.Errors);
    }

    [Fact]
    public async Task a_client_address_cannot_hold_more_websockets_open_than_its_limit()
    {
        var open = new List<GraphQLWebSocketClient>();
        try
        {
            // Another test's socket on this host may still be closing on the server: start again until its slot is free.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (open.Count < TightRateLimitsApp.OpenWebSockets)
            {
                try { open.Add(await GraphQLWebSocketClient.Connect(tight.Host)); }
                catch (Exception e) when (e.Message.Contains("429") && DateTime.UtcNow < deadline)
                {
                    foreach (var socket in open) await socket.DisposeAsync();
                    open.Clear();
                    await Task.Delay(100);
                }
            }

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => GraphQLWebSocketClient.Connect(tight.Host));

            Assert.Contains("429", refused.Message);
        }
        finally
        {
            foreach (var socket in open) await socket.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_websocket_that_floods_operations_is_closed_with_4429()
    {
        var user = Shops.NewUser("wsflood");
        await using var socket = await GraphQLWebSocketClient.Connect(tight.Host);
        await socket.Initialise(PlatformApp.Token(user));

        for (var i = 0; i <= TightRateLimitsApp.Operations; i++)
            await socket.Send(new { id = $"q{i}", type = "subscribe", payload = new { query = "{ __typename }" } });

        Assert.Equal(4429, await socket.ExpectCloseAfterMessages());
    }
}
