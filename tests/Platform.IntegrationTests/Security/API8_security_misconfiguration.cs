using System.Net;
using Platform.IntegrationTests.GraphQL;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

public sealed class FrontendOriginApp : PlatformApp
{
    public const string Origin = "https://app.example.test";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Origin };
}

/// <summary>
/// OWASP API8:2023. Production refuses the development providers at start-up; every response carries the security
/// headers and no Server header; only configured frontend origins pass CORS; introspection and suggestions are off in Production.
/// </summary>
public sealed class API8_security_misconfiguration(FrontendOriginApp app, ProductionPlatformApp production)
    : IClassFixture<FrontendOriginApp>, IClassFixture<ProductionPlatformApp>
{
    [Fact]
    public async Task production_with_the_development_defaults_exits_non_zero_naming_each_unsafe_setting()
    {
        var (exitCode, output) = await PlatformProcess.Run(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Video__Provider"] = "cloudflare",
        }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Payments__Provider=local", output);
        Assert.Contains("Auth__Mode=embedded", output);
        Assert.Contains("Cloudflare__WebhookSecret is not set", output);
        Assert.Contains("Unsafe__AllowLocalPayments", output);
    }

    [Fact]
    public async Task production_with_an_allowance_for_each_development_provider_gets_past_the_check()
    {
        var (exitCode, output) = await PlatformProcess.Run(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Unsafe__AllowLocalPayments"] = "true",
            ["Unsafe__AllowEmbeddedTokenIssuer"] = "true",
            ["Unsafe__AllowLocalVideo"] = "true",
            ["Unsafe__AllowLocalFiles"] = "true",
        }, TimeSpan.FromSeconds(60));

        // No database is configured: it gets as far as asking for one.
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("Refusing to start", output);
        Assert.Contains("set PLATFORM_DB", output);
    }

    [Theory]
    [InlineData("/graphql?query=%7B__typename%7D")]
    [InlineData("/health/ready")]
    [InlineData("/no-such-page")]
    public async Task every_response_carries_the_security_headers_and_no_server_header(string path)
    {
        using var response = await app.Host.Server.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData(FrontendOriginApp.Origin, true)]
    [InlineData("https://evil.example.test", false)]
    public async Task only_a_configured_frontend_origin_passes_the_cors_preflight(string origin, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");

        using var response = await app.Host.Server.CreateClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }

    [Fact]
    public async Task production_answers_no_introspection_and_no_field_suggestions()
    {
        var introspection = await production.Client().Send(Attacks.IntrospectionQuery);
        var misspelt = await production.Client().Send("{ communitie { nodes { id } } }");

        Assert.NotNull(introspection.FirstErrorCode);
        Assert.DoesNotContain("__Schema", introspection.Body.ToString());
        Assert.DoesNotContain("Did you mean", misspelt.Body.ToString());
    }
}
