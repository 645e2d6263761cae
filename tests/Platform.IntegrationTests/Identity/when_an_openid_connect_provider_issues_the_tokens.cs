using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Identity;

/// <summary>A local stand-in for an OpenID Connect provider: a discovery document and a JWKS on loopback.</summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "fake-key-1" };

    private FakeOpenIdProvider(WebApplication app) => this.app = app;

    public string Authority { get; private set; } = "";

    public static async Task<FakeOpenIdProvider> Start()
    {
        FakeOpenIdProvider? provider = null;
        var (app, origin) = await LoopbackServer.Start(app =>
        {
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new
            {
                issuer = provider!.Authority,
                jwks_uri = $"{provider.Authority}/jwks",
                id_token_signing_alg_values_supported = new[] { "RS256" },
            }));
            app.MapGet("/jwks", () =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(provider!.key.Rsa.ExportParameters(false)) { KeyId = provider.key.KeyId });
                return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
            });
        });
        provider = new FakeOpenIdProvider(app) { Authority = origin };
        return provider;
    }

    public string Issue(string subject, string audience, params (string Type, string Value)[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), .. claims.Select(c => new Claim(c.Type, c.Value))]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public sealed class OidcPlatformApp : PlatformApp
{
    public const string Audience = "platform-api";
    public const string BootstrapSubject = "root-subject";

    public FakeOpenIdProvider Provider { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "oidc",
        ["Auth:Authority"] = Provider.Authority,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
        ["Auth:BootstrapAdmins:0"] = BootstrapSubject,
    };

    public override async Task InitializeAsync()
    {
        Provider = await FakeOpenIdProvider.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class when_an_openid_connect_provider_issues_the_tokens(OidcPlatformApp app) : IClassFixture<OidcPlatformApp>
{
    private GraphQLClient Client(string token) => new(app.Host.Server.CreateClient(), token);

    [Fact]
    public async Task its_tokens_are_validated_with_the_keys_from_its_discovery_document()
    {
        var me = await Client(app.Provider.Issue("oidc-user-1", OidcPlatformApp.Audience, ("preferred_username", "Jane.Doe"), ("name", "Jane Doe")))
            .Data("{ me { handle displayName } }");

        Assert.Equal("jane_doe", me.GetProperty("me").GetProperty("handle").GetString());
        Assert.Equal("Jane Doe", me.GetProperty("me").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task its_role_claims_grant_nothing_roles_come_from_the_platform()
    {
        var me = await Client(app.Provider.Issue("oidc-user-2", OidcPlatformApp.Audience, ("roles", "admin")))
            .Data("{ me { roles { role } } }");

        Assert.Equal(["MEMBER"], me.GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task a_configured_bootstrap_admin_becomes_an_admin_on_first_sign_in()
    {
        var me = await Client(app.Provider.Issue(OidcPlatformApp.BootstrapSubject, OidcPlatformApp.Audience)).Data("{ me { roles { role } } }");

        Assert.Contains("ADMIN", me.GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task a_token_for_another_audience_or_from_the_embedded_issuer_is_refused()
    {
        var otherAudience = await Client(app.Provider.Issue("oidc-user-3", "someone-else")).Send("{ me { id } }");
        var embedded = await Client(PlatformApp.Token("alice")).Send("{ me { id } }");

        Assert.Equal((401, "UNAUTHENTICATED"), (otherAudience.Status, otherAudience.FirstErrorCode));
        Assert.Equal((401, "UNAUTHENTICATED"), (embedded.Status, embedded.FirstErrorCode));
    }

    [Fact]
    public async Task the_websocket_connection_init_validates_against_the_provider_too()
    {
        await using var good = await GraphQLWebSocketClient.Connect(app.Host);
        await good.Initialise(app.Provider.Issue("oidc-user-4", OidcPlatformApp.Audience));
        await using var bad = await GraphQLWebSocketClient.Connect(app.Host);
        await bad.Send(new { type = "connection_init", payload = new { Authorization = $"Bearer {PlatformApp.Token("alice")}" } });

        Assert.Equal(4403, await bad.ExpectClose());
    }
}
