using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Identity;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Identity;

public sealed class when_tokens_are_checked(PlatformApp app) : IClassFixture<PlatformApp>
{
    private static RsaSecurityKey Key => EmbeddedIssuer.LoadOrCreate(PlatformApp.KeyPath).Key;

    private static string Sign(SecurityKey key, string algorithm, string issuer = EmbeddedIssuer.Issuer, string audience = EmbeddedIssuer.DefaultAudience,
        DateTime? expires = null, DateTime? notBefore = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("roles", "admin")]),
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    private static string Unsigned()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { sub = "mallory", iss = EmbeddedIssuer.Issuer, aud = EmbeddedIssuer.DefaultAudience, exp = now + 3600, nbf = now - 60, roles = "admin" })}.";
    }

    public static TheoryData<string, Func<string>> BadTokens => new()
    {
        // 45 s ago: beyond the 30 s clock skew allowed, so this also proves the skew is no larger.
        { "expired", () => Sign(Key, SecurityAlgorithms.RsaSha256, expires: DateTime.UtcNow.AddSeconds(-45), notBefore: DateTime.UtcNow.AddHours(-1)) },
        { "wrong audience", () => Sign(Key, SecurityAlgorithms.RsaSha256, audience: "someone-else") },
        { "wrong issuer", () => Sign(Key, SecurityAlgorithms.RsaSha256, issuer: "https://evil.example") },
        { "alg none", Unsigned },
        { "tampered payload", () =>
            {
                var parts = PlatformApp.Token("mallory").Split('.');
                var claims = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(parts[1]))!;
                claims["sub"] = "alice";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims))}.{parts[2]}";
            } },
        { "HS256 keyed with the public key", () =>
            {
                var publicPem = Encoding.UTF8.GetBytes(Key.Rsa.ExportSubjectPublicKeyInfoPem());
                return Sign(new SymmetricSecurityKey(publicPem), SecurityAlgorithms.HmacSha256);
            } },
        { "signed by another key", () => Sign(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)), SecurityAlgorithms.RsaSha256) },
        { "not a token at all", () => "garbage" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task a_bad_token_is_unauthenticated_and_gets_no_data(string why, Func<string> token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ me { id roles { role } } communities { nodes { id } } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token());

        using var response = await app.Host.Server.CreateClient().SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("data", out _), why);
        Assert.Equal("UNAUTHENTICATED", body.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_bad_token_in_connection_init_closes_the_socket_as_forbidden()
    {
        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);
        await socket.Send(new { type = "connection_init", payload = new { Authorization = $"Bearer {Unsigned()}" } });

        Assert.Equal(4403, await socket.ExpectClose());
    }

    [Fact]
    public async Task the_same_token_works_over_http_and_in_connection_init()
    {
        var token = PlatformApp.Token("tess");
        var overHttp = await new GraphQLClient(app.Host.Server.CreateClient(), token).Data("{ me { id handle } }");

        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);
        await socket.Initialise(token);
        await socket.Send(new { id = "1", type = "subscribe", payload = new { query = "{ me { id } }" } });
        var next = await socket.Receive();

        Assert.Equal(overHttp.GetProperty("me").GetProperty("id").GetString(),
            next.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("id").GetString());
    }
}
