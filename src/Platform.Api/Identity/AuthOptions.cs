namespace Platform.Api.Identity;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Embedded = "embedded";
    public const string Oidc = "oidc";

    /// <summary><c>embedded</c> (a local issuer for development) or <c>oidc</c> (any OpenID Connect provider).</summary>
    public string Mode { get; set; } = Embedded;
    public string? Authority { get; set; }
    public string Audience { get; set; } = EmbeddedIssuer.DefaultAudience;
    /// <summary>Where the embedded issuer keeps its RSA signing key (created once).</summary>
    public string KeyPath { get; set; } = Path.Combine(".platform", "keys", "jwt-signing.pem");

    /// <summary>In <c>oidc</c> mode, the subjects that become admins when they first sign in (someone must be able to grant roles).</summary>
    public string[] BootstrapAdmins { get; set; } = [];

    /// <summary>Fetch the provider's discovery document over HTTPS only; turn off for a provider on loopback in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEmbedded => string.Equals(Mode, Embedded, StringComparison.OrdinalIgnoreCase);
}
