using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.IntegrationTests.Support;

/// <summary>A small GraphQL-over-HTTP client for tests: posts JSON, returns the parsed response.</summary>
public sealed class GraphQLClient(HttpClient http, string? token)
{
    public HttpClient Http { get; } = http;

    public async Task<GraphQLResponse> Send(string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>A plain GET with the client's token, for the HTTP endpoints beside GraphQL (CSV exports).</summary>
    public async Task<HttpResponseMessage> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    /// <summary>Sends and insists on success: the data element.</summary>
    public async Task<JsonElement> Data(string query, object? variables = null)
    {
        var response = await Send(query, variables);
        Assert.True(response.Errors is null, $"Unexpected errors: {response.Body}");
        return response.Body.GetProperty("data");
    }
}

public sealed record GraphQLResponse(int Status, JsonElement Body, TimeSpan? RetryAfter = null)
{
    public JsonElement? Errors => Body.TryGetProperty("errors", out var errors) ? errors : null;

    public string? FirstErrorCode => Errors is { } errors && errors.GetArrayLength() > 0
        && errors[0].TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;
}
