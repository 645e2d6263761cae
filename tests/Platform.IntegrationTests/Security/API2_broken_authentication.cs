using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Identity;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>OWASP API2:2023. A self-made token (unsigned, or signed by a key of the attacker's) signs no one in, over either transport.</summary>
public sealed class API2_broken_authentication(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static string SelfMadeAdminToken()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none" })}.{Part(new { sub = "eve", iss = EmbeddedIssuer.Issuer, aud = EmbeddedIssuer.DefaultAudience, exp = now + 600, roles = "admin" })}.";
    }

    [Fact]
    public async Task a_self_made_admin_token_gets_401_and_lists_no_users()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ users { nodes { id } } }\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SelfMadeAdminToken());

        using var response = await app.Host.Server.CreateClient().SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("nodes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_self_made_token_on_a_websocket_is_closed_with_4403()
    {
        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);

        await socket.Send(new { type = "connection_init", payload = new { Authorization = $"Bearer {SelfMadeAdminToken()}" } });

        Assert.Equal(4403, await socket.ExpectClose());
    }

    [Fact]
    public async Task anonymous_callers_get_unauthenticated_for_anything_personal()
    {
        Assert.Equal("UNAUTHENTICATED", (await app.Client().Send("{ me { id } }")).FirstErrorCode);
        Assert.Equal("UNAUTHENTICATED", (await app.Client().Send("{ myPurchases { nodes { id } } }")).FirstErrorCode);
    }
}
