using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Platform.Api.Security;

namespace Platform.Tests.Security;

public sealed class production_safety
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Platform.Api";
        public string ContentRootPath { get; set; } = ".";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IReadOnlyList<string> Check(string environment, params (string Key, string Value)[] settings) =>
        ProductionSafety.UnsafeSettings(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            new Environment(environment));

    private static readonly (string, string)[] RealProviders =
    [
        ("Payments:Provider", "stripe"), ("Stripe:WebhookSecret", "whsec_a"), ("Stripe:ConnectWebhookSecret", "whsec_b"),
        ("Auth:Mode", "oidc"), ("Video:Provider", "cloudflare"), ("Cloudflare:WebhookSecret", "cf"), ("Files:Provider", "s3"),
    ];

    [Fact]
    public void the_defaults_are_refused_outside_development_one_line_per_setting()
    {
        var problems = Check("Production");

        Assert.Collection(problems,
            p => Assert.StartsWith("Payments__Provider=local", p),
            p => Assert.StartsWith("Auth__Mode=embedded", p),
            p => Assert.StartsWith("Video__Provider=local", p),
            p => Assert.StartsWith("Files__Provider=local", p));
        Assert.Empty(Check("Development"));
    }

    [Fact]
    public void real_providers_with_their_webhook_secrets_pass()
    {
        Assert.Empty(Check("Production", RealProviders));
        Assert.Empty(Check("Staging", RealProviders));
    }

    [Fact]
    public void a_missing_webhook_secret_is_refused_unless_allowed_by_name()
    {
        var withoutSecrets = RealProviders.Where(s => !s.Item1.EndsWith("WebhookSecret")).ToArray();

        Assert.Equal(3, Check("Production", withoutSecrets).Count);
        Assert.Empty(Check("Production", [.. withoutSecrets, ("Unsafe:AllowMissingWebhookSecrets", "true")]));
    }

    [Fact]
    public void each_development_provider_is_accepted_only_with_its_own_allowance()
    {
        var problems = Check("Production", ("Unsafe:AllowLocalPayments", "true"), ("Unsafe:AllowLocalVideo", "true"), ("Unsafe:AllowLocalFiles", "true"));

        Assert.Equal(["Auth__Mode=embedded"], problems.Select(p => p[..p.IndexOf(':')]));
    }
}
