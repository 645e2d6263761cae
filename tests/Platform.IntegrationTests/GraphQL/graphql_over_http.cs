using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>The HTTP transport against the GraphQL-over-HTTP specification: methods, media types, request shape, status codes.</summary>
public sealed class graphql_over_http(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string SimpleQuery = "{ communities(first: 1) { nodes { id } pageInfo { hasNextPage } } }";


    private sealed record Reply(HttpStatusCode Status, string? MediaType, string? Charset, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Text)
    {
        public JsonElement Body => JsonDocument.Parse(Text).RootElement.Clone();

        public JsonElement? Errors => Body.TryGetProperty("errors", out var errors) ? errors : null;

        public string? FirstErrorCode => Errors is { ValueKind: JsonValueKind.Array } errors && errors.GetArrayLength() > 0
            && errors[0].TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
                ? code.GetString()
                : null;

        /// <summary>HttpClient files Allow among the content headers; the server may put it either place.</summary>
        public IReadOnlySet<string> Allow =>
            ContentHeaders.Allow.Concat(Headers.TryGetValues("Allow", out var values) ? values : [])
                .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(v => v.ToUpperInvariant())
                .ToHashSet();

        public string? CorrelationId => Headers.TryGetValues("X-Correlation-Id", out var values) ? values.Single() : null;
    }

    private async Task<Reply> Send(HttpRequestMessage request)
    {
        using var http = app.Host.Server.CreateClient();
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet,
                response.Headers, response.Content.Headers, text);
        }
    }

    private static HttpRequestMessage Post(string body, string? contentType = Json, string? accept = GraphQLResponseJson)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static HttpRequestMessage PostQuery(string query, object? variables = null, string? accept = GraphQLResponseJson) =>
        Post(JsonSerializer.Serialize(new { query, variables }), Json, accept);

    private static HttpRequestMessage Get(string query, string? variables = null, string? accept = GraphQLResponseJson)
    {
        var uri = $"/graphql?query={Uri.EscapeDataString(query)}";
        if (variables is not null) uri += $"&variables={Uri.EscapeDataString(variables)}";
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    private static void AssertSuccessfulData(Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {(int)reply.Status}: {reply.Text}");
        Assert.Null(reply.Errors);
        Assert.Equal(JsonValueKind.Object, reply.Body.GetProperty("data").GetProperty("communities").ValueKind);
    }

    private static void AssertRequestError(Reply reply, HttpStatusCode status)
    {
        Assert.True(reply.Status == status, $"Expected {(int)status}, got {(int)reply.Status}: {reply.Text}");
        var errors = reply.Errors;
        Assert.True(errors is { ValueKind: JsonValueKind.Array } && errors.Value.GetArrayLength() > 0, $"Expected an errors array: {reply.Text}");
        Assert.False(reply.Body.TryGetProperty("data", out _), $"A request error must not carry data: {reply.Text}");
    }

    // ---- methods ----

    [Fact]
    public async Task a_post_with_a_json_body_answers_200_with_data()
    {
        var reply = await Send(PostQuery(SimpleQuery));

        AssertSuccessfulData(reply);
        Assert.Equal(GraphQLResponseJson, reply.MediaType);
    }

    [Fact]
    public async Task a_get_with_a_query_answers_200_with_data()
    {
        var reply = await Send(Get(SimpleQuery));

        AssertSuccessfulData(reply);
    }

    [Fact]
    public async Task a_get_carrying_a_mutation_is_refused_with_405_allowing_only_post()
    {
        var reply = await Send(Get("mutation($id: ID!) { joinCommunity(communityId: $id) { id } }", JsonSerializer.Serialize(new { id = Guid.NewGuid() })));

        AssertRequestError(reply, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(new HashSet<string> { "POST" }, reply.Allow);
    }

    [Fact]
    public async Task a_get_naming_the_mutation_of_a_document_with_several_operations_is_refused_with_405()
    {
        var query = "query Read { communities(first: 1) { nodes { id } } } mutation Write($id: ID!) { joinCommunity(communityId: $id) { id } }";
        var reply = await Send(new HttpRequestMessage(HttpMethod.Get,
            $"/graphql?query={Uri.EscapeDataString(query)}&operationName=Write&variables={Uri.EscapeDataString(JsonSerializer.Serialize(new { id = Guid.NewGuid() }))}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal(new HashSet<string> { "POST" }, reply.Allow);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task other_methods_are_refused_with_405_allowing_get_and_post(string method)
    {
        var request = PostQuery(SimpleQuery);
        request.Method = new HttpMethod(method);

        var reply = await Send(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Equal(new HashSet<string> { "GET", "POST" }, reply.Allow);
    }

    // ---- content negotiation (Accept) ----

    [Fact]
    public async Task an_accept_header_allowing_neither_json_media_type_is_refused_with_406()
    {
        var reply = await Send(PostQuery(SimpleQuery, accept: "text/html"));

        Assert.Equal(HttpStatusCode.NotAcceptable, reply.Status);
    }

    [Fact]
    public async Task without_an_accept_header_the_response_is_application_json()
    {
        var reply = await Send(PostQuery(SimpleQuery, accept: null));

        AssertSuccessfulData(reply);
        Assert.Equal(Json, reply.MediaType);
    }

    [Theory]
    [InlineData(GraphQLResponseJson, GraphQLResponseJson)]
    [InlineData(Json, Json)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/json;q=0.9, application/graphql-response+json;q=0.1", Json)]
    [InlineData("text/html, application/json;q=0.8", Json)]
    [InlineData("application/graphql-response+json;q=0, application/json", Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/graphql-response+json, */*", GraphQLResponseJson)]
    [InlineData("application/json;q=0, */*", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0, */*", Json)]
    [InlineData("application/graphql-response+json;q=0, application/*", Json)]
    public async Task the_response_media_type_is_the_best_one_the_client_accepts(string accept, string expected)
    {
        var reply = await Send(PostQuery(SimpleQuery, accept: accept));

        AssertSuccessfulData(reply);
        Assert.Equal(expected, reply.MediaType);
    }

    [Fact]
    public async Task an_accept_header_refusing_both_media_types_with_q_zero_is_refused_with_406()
    {
        var reply = await Send(PostQuery(SimpleQuery, accept: "application/graphql-response+json;q=0, application/json;q=0"));

        Assert.Equal(HttpStatusCode.NotAcceptable, reply.Status);
    }

    // ---- request media type (Content-Type) ----

    [Fact]
    public async Task a_post_with_a_text_plain_body_is_refused_with_415()
    {
        var reply = await Send(Post(JsonSerializer.Serialize(new { query = SimpleQuery }), "text/plain"));

        AssertRequestError(reply, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task a_post_without_a_content_type_is_refused_with_415()
    {
        var reply = await Send(Post(JsonSerializer.Serialize(new { query = SimpleQuery }), contentType: null));

        AssertRequestError(reply, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task a_post_in_a_charset_other_than_utf8_is_refused_with_415()
    {
        var reply = await Send(Post(JsonSerializer.Serialize(new { query = SimpleQuery }), "application/json; charset=latin1"));

        AssertRequestError(reply, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json")]
    public async Task a_post_in_utf8_json_is_accepted(string contentType)
    {
        var reply = await Send(Post(JsonSerializer.Serialize(new { query = SimpleQuery }), contentType));

        AssertSuccessfulData(reply);
    }

    // ---- request shape ----

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task a_body_that_is_not_json_is_a_400(string accept)
    {
        var reply = await Send(Post("{\"query\": \"{ communities { nodes { id } } }\"", accept: accept));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task a_batch_as_a_json_array_is_a_400(string accept)
    {
        var body = JsonSerializer.Serialize(new[] { new { query = SimpleQuery }, new { query = SimpleQuery } });

        var reply = await Send(Post(body, accept: accept));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"query": 42}""")]
    [InlineData("""{"query": {"text": "{ communities { nodes { id } } }"}}""")]
    [InlineData("""{"query": null}""")]
    [InlineData("""{}""")]
    public async Task a_query_that_is_not_a_string_is_a_400(string body)
    {
        var reply = await Send(Post(body));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("\"{\\\"s\\\": \\\"x\\\"}\"")]
    [InlineData("[1, 2]")]
    [InlineData("7")]
    public async Task variables_that_are_not_an_object_are_a_400(string variables)
    {
        var body = $$"""{"query": "query($s: String) { communities(search: $s) { nodes { id } } }", "variables": {{variables}}}""";

        var reply = await Send(Post(body));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task an_operation_name_that_is_not_a_string_is_a_400()
    {
        var body = """{"query": "query A { communities { nodes { id } } }", "operationName": 1}""";

        var reply = await Send(Post(body));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task variables_of_the_wrong_type_are_a_400_with_graphql_response_json()
    {
        var reply = await Send(PostQuery("query($n: Int) { communities(first: $n) { nodes { id } } }", new { n = "many" }));

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"Expected 400, got {(int)reply.Status}: {reply.Text}");
        Assert.False(string.IsNullOrEmpty(reply.FirstErrorCode), $"Expected errors[0].extensions.code: {reply.Text}");
        Assert.False(reply.Body.TryGetProperty("data", out _), $"A request that did not execute must not carry data: {reply.Text}");
    }

    [Fact]
    public async Task null_variables_and_operation_name_are_allowed()
    {
        var body = JsonSerializer.Serialize(new { query = SimpleQuery, variables = (object?)null, operationName = (string?)null, extensions = (object?)null });

        var reply = await Send(Post(body));

        AssertSuccessfulData(reply);
    }

    // ---- GraphQL errors ----

    [Fact]
    public async Task a_validation_error_is_a_400_with_graphql_response_json()
    {
        var reply = await Send(PostQuery("{ communities { nodes { doesNotExist } } }", accept: GraphQLResponseJson));

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"Expected 400, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal(GraphQLResponseJson, reply.MediaType);
        Assert.False(string.IsNullOrEmpty(reply.FirstErrorCode), $"Expected errors[0].extensions.code: {reply.Text}");
        Assert.False(reply.Body.TryGetProperty("data", out _), $"A validation error must not carry data: {reply.Text}");
    }

    [Fact]
    public async Task a_validation_error_is_a_200_with_application_json()
    {
        var reply = await Send(PostQuery("{ communities { nodes { doesNotExist } } }", accept: Json));

        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal(Json, reply.MediaType);
        Assert.False(string.IsNullOrEmpty(reply.FirstErrorCode), $"Expected errors[0].extensions.code: {reply.Text}");
    }

    [Theory]
    [InlineData(GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task a_syntax_error_carries_an_error_code(string accept, HttpStatusCode status)
    {
        var reply = await Send(PostQuery("{ communities { nodes { id } ", accept: accept));

        Assert.True(reply.Status == status, $"Expected {(int)status}, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal("SYNTAX_ERROR", reply.FirstErrorCode);
    }

    [Fact]
    public async Task a_field_error_during_execution_is_still_a_200_with_partial_data()
    {
        // The community field refuses a call with neither id nor slug: an execution error, so the request itself was fine.
        var reply = await Send(PostQuery("{ community { id } }", accept: GraphQLResponseJson));

        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal("VALIDATION", reply.FirstErrorCode);
        Assert.Equal(JsonValueKind.Null, reply.Body.GetProperty("data").GetProperty("community").ValueKind);
    }

    // ---- GET specifics ----

    [Fact]
    public async Task a_get_with_json_encoded_variables_uses_them()
    {
        var slug = Unique("getvars");
        await app.Client("gina").Data("mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }",
            new { input = new { name = $"Get {slug}", slug } });
        await app.WaitForProjections();

        var reply = await Send(Get("query($s: String) { community(slug: $s) { slug name } }", JsonSerializer.Serialize(new { s = slug })));

        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {(int)reply.Status}: {reply.Text}");
        Assert.Null(reply.Errors);
        Assert.Equal(slug, reply.Body.GetProperty("data").GetProperty("community").GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("\"not an object\"")]
    [InlineData("{not json")]
    public async Task a_get_with_variables_that_are_not_a_json_object_is_a_400(string variables)
    {
        var reply = await Send(Get("query($s: String) { communities(search: $s) { nodes { id } } }", variables));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_get_without_a_query_is_a_400()
    {
        var reply = await Send(new HttpRequestMessage(HttpMethod.Get, "/graphql") { Headers = { { "Accept", GraphQLResponseJson } } });

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    // ---- subscriptions ----

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task a_subscription_over_http_is_a_400(string accept)
    {
        var reply = await Send(PostQuery("subscription($id: ID!) { memberJoined(communityId: $id) { userId } }", new { id = Guid.NewGuid() }, accept));

        AssertRequestError(reply, HttpStatusCode.BadRequest);
    }

    // ---- authentication ----

    [Fact]
    public async Task a_garbage_bearer_token_is_a_401_not_an_anonymous_request()
    {
        var request = PostQuery(SimpleQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt");

        var reply = await Send(request);

        Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal("UNAUTHENTICATED", reply.FirstErrorCode);
    }

    [Fact]
    public async Task a_token_with_a_tampered_signature_is_a_401()
    {
        var token = PlatformApp.Token("mallory");
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        var middle = signature.Length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";
        var request = PostQuery(SimpleQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tampered);

        var reply = await Send(request);

        Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal("UNAUTHENTICATED", reply.FirstErrorCode);
    }

    [Fact]
    public async Task a_token_with_a_tampered_payload_is_a_401()
    {
        var token = PlatformApp.Token("mallory");
        var parts = token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        claims["sub"] = JsonSerializer.SerializeToElement("admin");
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims))}.{parts[2]}";
        var request = PostQuery(SimpleQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        var reply = await Send(request);

        Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)reply.Status}: {reply.Text}");
        Assert.Equal("UNAUTHENTICATED", reply.FirstErrorCode);
    }

    [Fact]
    public async Task a_valid_bearer_token_is_accepted()
    {
        var request = PostQuery(SimpleQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PlatformApp.Token("valid"));

        var reply = await Send(request);

        AssertSuccessfulData(reply);
    }

    // ---- correlation ids ----

    public static TheoryData<string> Requests => new() { "post", "get", "put", "not-acceptable", "unsupported-media", "bad-request", "unauthenticated", "health" };

    private static HttpRequestMessage RequestFor(string kind)
    {
        switch (kind)
        {
            case "post": return PostQuery(SimpleQuery);
            case "get": return Get(SimpleQuery);
            case "put":
                var put = PostQuery(SimpleQuery);
                put.Method = HttpMethod.Put;
                return put;
            case "not-acceptable": return PostQuery(SimpleQuery, accept: "text/html");
            case "unsupported-media": return Post(JsonSerializer.Serialize(new { query = SimpleQuery }), "text/plain");
            case "bad-request": return Post("[]");
            case "unauthenticated":
                var unauthenticated = PostQuery(SimpleQuery);
                unauthenticated.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "garbage");
                return unauthenticated;
            case "health": return new HttpRequestMessage(HttpMethod.Get, "/health/live");
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task every_response_carries_a_correlation_id(string kind)
    {
        var reply = await Send(RequestFor(kind));

        Assert.False(string.IsNullOrWhiteSpace(reply.CorrelationId), $"No X-Correlation-Id on the {kind} response ({(int)reply.Status})");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task a_sane_correlation_id_from_the_client_is_echoed(string kind)
    {
        var sent = $"test-{Guid.NewGuid():N}_1.2";
        var request = RequestFor(kind);
        request.Headers.Add("X-Correlation-Id", sent);

        var reply = await Send(request);

        Assert.Equal(sent, reply.CorrelationId);
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("semi;colon")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task an_unsafe_correlation_id_is_replaced_not_echoed(string sent)
    {
        var request = PostQuery(SimpleQuery);
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", sent);

        var reply = await Send(request);

        Assert.False(string.IsNullOrWhiteSpace(reply.CorrelationId));
        Assert.NotEqual(sent, reply.CorrelationId);
    }

    [Fact]
    public async Task each_request_without_a_correlation_id_gets_its_own()
    {
        var first = await Send(PostQuery(SimpleQuery));
        var second = await Send(PostQuery(SimpleQuery));

        Assert.NotEqual(first.CorrelationId, second.CorrelationId);
    }

    // ---- health ----

    [Fact]
    public async Task the_liveness_probe_answers_200()
    {
        var reply = await Send(new HttpRequestMessage(HttpMethod.Get, "/health/live"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task the_readiness_probe_answers_200_once_the_node_is_up()
    {
        // The live listener connects in the background after start; readiness may take a moment to turn.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        Reply reply;
        while (true)
        {
            reply = await Send(new HttpRequestMessage(HttpMethod.Get, "/health/ready"));
            if (reply.Status == HttpStatusCode.OK || DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }

        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {(int)reply.Status}: {reply.Text}");
    }
}
