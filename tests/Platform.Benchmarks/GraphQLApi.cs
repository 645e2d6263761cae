using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Identity;

namespace Platform.Benchmarks;

/// <summary>The API's GraphQL endpoint as a frontend uses it, with development tokens from the embedded issuer's key.</summary>
public sealed class GraphQLApi(string url, string keyPath) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
    {
        BaseAddress = new Uri(url),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly EmbeddedIssuer issuer = EmbeddedIssuer.LoadOrCreate(keyPath);

    public string Token(string user) => Token(user, ["member"], null);

    /// <summary>A token whose roles seed the user on their first request (creator and moderator in the community named by slug).</summary>
    public string Token(string user, string[] roles, string? community) => issuer.Issue(user, roles, community, EmbeddedIssuer.DefaultAudience, TimeSpan.FromHours(6));

    /// <summary>Sends one operation; its <c>data</c>, or an exception naming the first error's code and message.</summary>
    public async Task<JsonElement> Send(string? token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync()).RootElement;
        if (body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            var code = errors[0].TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var c) ? c.GetString() : null;
            throw new InvalidOperationException($"{code}: {errors[0].GetProperty("message").GetString()}");
        }
        return body.GetProperty("data");
    }

    /// <summary>Posts to a page of the API itself (e.g. the local payment provider's onboarding link), as a browser form would.</summary>
    public async Task PostPage(string url)
    {
        using var response = await http.PostAsync(new Uri(url).PathAndQuery, null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Root fields the schema has, as "query.course" / "mutation.createPost": a scenario runs only where its operations exist.</summary>
    public async Task<HashSet<string>> RootFields()
    {
        var data = await Send(null, "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }");
        var schema = data.GetProperty("__schema");
        return
        [
            .. schema.GetProperty("queryType").GetProperty("fields").EnumerateArray().Select(f => $"query.{f.GetProperty("name").GetString()}"),
            .. schema.GetProperty("mutationType").GetProperty("fields").EnumerateArray().Select(f => $"mutation.{f.GetProperty("name").GetString()}"),
        ];
    }

    public void Dispose() => http.Dispose();
}
