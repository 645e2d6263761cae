using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.GraphQL;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>Apollo's automatic persisted queries: a hash alone, PersistedQueryNotFound, then registration by hash and document.</summary>
public sealed class automatic_persisted_queries(PlatformApp app) : IClassFixture<PlatformApp>
{
    private async Task<(int Status, JsonElement Body)> Post(object body, string accept = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        request.Headers.Add("Accept", accept);
        using var response = await app.Host.Server.CreateClient().SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static object Persisted(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    private static string Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    [Fact]
    public async Task an_unknown_hash_answers_persisted_query_not_found_then_the_document_registers_it()
    {
        var query = $"query Apq{Guid.NewGuid():N} {{ communities(first: 1) {{ pageInfo {{ hasNextPage }} }} }}";
        var hash = PersistedDocuments.Hash(query);

        var unknown = await Post(new { extensions = Persisted(hash) });
        Assert.Equal(200, unknown.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Code(unknown.Body));
        Assert.Equal("PersistedQueryNotFound", unknown.Body.GetProperty("errors")[0].GetProperty("message").GetString());

        var registered = await Post(new { query, extensions = Persisted(hash) });
        Assert.True(registered.Body.TryGetProperty("data", out _), registered.Body.ToString());

        var byHash = await Post(new { extensions = Persisted(hash) });
        Assert.Equal(200, byHash.Status);
        Assert.False(byHash.Body.TryGetProperty("errors", out _), byHash.Body.ToString());
        Assert.Equal(JsonValueKind.False, byHash.Body.GetProperty("data").GetProperty("communities").GetProperty("pageInfo").GetProperty("hasNextPage").ValueKind);
    }

    [Fact]
    public async Task a_hash_only_get_works_once_registered()
    {
        var query = $"query ApqGet{Guid.NewGuid():N} {{ __typename }}";
        var extensions = Uri.EscapeDataString(JsonSerializer.Serialize(Persisted(PersistedDocuments.Hash(query))));
        await Post(new { query, extensions = Persisted(PersistedDocuments.Hash(query)) });

        var response = await app.Host.Server.CreateClient().GetStringAsync($"/graphql?extensions={extensions}");

        Assert.Equal("Query", JsonDocument.Parse(response).RootElement.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task a_hash_that_is_not_the_documents_is_a_400()
    {
        var reply = await Post(new { query = "{ __typename }", extensions = Persisted(new string('a', 64)) }, "application/graphql-response+json");

        Assert.Equal(400, reply.Status);
    }
}

public sealed class TrustedDocumentsApp : PlatformApp
{
    public const string Trusted = "query Trusted { __typename }";
    private static readonly string Manifest = Path.Combine(Path.GetTempPath(), $"trusted-documents-{Guid.NewGuid():N}.json");

    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            File.WriteAllText(Manifest, JsonSerializer.Serialize(new Dictionary<string, string> { [PersistedDocuments.Hash(Trusted)] = Trusted }));
            return new Dictionary<string, string?>(ProductionPlatformApp.DemoAllowances) { ["GraphQL:TrustedDocuments"] = Manifest };
        }
    }
}

/// <summary>Production with an allow-list: only the registered operations run, over either transport.</summary>
public sealed class when_only_trusted_documents_run(TrustedDocumentsApp app) : IClassFixture<TrustedDocumentsApp>
{
    [Fact]
    public async Task a_trusted_document_runs_by_hash_or_in_full()
    {
        var client = app.Client();
        var byHash = await client.Http.PostAsJsonAsync("/graphql",
            new { extensions = new { persistedQuery = new { version = 1, sha256Hash = PersistedDocuments.Hash(TrustedDocumentsApp.Trusted) } } });
        var inFull = await client.Data(TrustedDocumentsApp.Trusted);

        Assert.Equal("Query", JsonDocument.Parse(await byHash.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal("Query", inFull.GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task any_other_document_is_refused_over_http()
    {
        var response = await app.Client().Send("{ communities { nodes { id } } }");

        Assert.Equal(400, response.Status);
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", response.FirstErrorCode);
    }

    [Fact]
    public async Task any_other_document_is_refused_over_websocket()
    {
        await using var client = await GraphQLWebSocketClient.Connect(app.Host);
        await client.Initialise();

        await client.Send(new { id = "x", type = "subscribe", payload = new { query = "{ communities { nodes { id } } }" } });

        var error = await client.Receive();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
