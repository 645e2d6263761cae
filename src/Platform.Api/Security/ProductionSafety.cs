namespace Platform.Api.Security;

/// <summary>
/// The <c>Unsafe</c> configuration section: development conveniences a non-Development host runs only when one of
/// these says so by name (a public demo, a staging box without a payment account).
/// </summary>
public sealed class UnsafeAllowances
{
    public bool AllowLocalPayments { get; set; }
    public bool AllowEmbeddedTokenIssuer { get; set; }
    public bool AllowLocalVideo { get; set; }
    public bool AllowLocalFiles { get; set; }
    public bool AllowMissingWebhookSecrets { get; set; }
}

/// <summary>Outside Development the platform refuses to start on a setting that lets callers pay, sign in or upload without the real provider.</summary>
public static class ProductionSafety
{
    /// <summary>One line per unsafe setting, naming the setting and the allowance that would accept it; empty when safe.</summary>
    public static IReadOnlyList<string> UnsafeSettings(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) return [];
        var allowed = configuration.GetSection("Unsafe").Get<UnsafeAllowances>() ?? new UnsafeAllowances();
        var problems = new List<string>();
        void Refuse(bool isUnsafe, bool isAllowed, string problem, string allowance)
        {
            if (isUnsafe && !isAllowed) problems.Add($"{problem} (set {allowance}=true to run it anyway, e.g. for a demo)");
        }

        var payments = Setting(configuration, "Payments:Provider", "local");
        var video = Setting(configuration, "Video:Provider", "local");
        Refuse(payments == "local", allowed.AllowLocalPayments,
            "Payments__Provider=local: any buyer can mark their own checkout paid; use stripe", "Unsafe__AllowLocalPayments");
        Refuse(Setting(configuration, "Auth:Mode", "embedded") == "embedded", allowed.AllowEmbeddedTokenIssuer,
            "Auth__Mode=embedded: tokens come from a development issuer whose key sits on this machine; use oidc", "Unsafe__AllowEmbeddedTokenIssuer");
        Refuse(video == "local", allowed.AllowLocalVideo,
            "Video__Provider=local: videos are stored and served from this machine's disk; use cloudflare", "Unsafe__AllowLocalVideo");
        Refuse(Setting(configuration, "Files:Provider", "local") == "local", allowed.AllowLocalFiles,
            "Files__Provider=local: uploads are stored and served from this machine's disk; use s3 (Cloudflare R2, AWS S3, MinIO)", "Unsafe__AllowLocalFiles");
        foreach (var (secret, events) in ((string, string)[])[("Stripe:WebhookSecret", "payment"), ("Stripe:ConnectWebhookSecret", "payout account")])
            Refuse(payments == "stripe" && string.IsNullOrEmpty(configuration[secret]), allowed.AllowMissingWebhookSecrets,
                $"{secret.Replace(":", "__")} is not set: Stripe's {events} events would all be refused", "Unsafe__AllowMissingWebhookSecrets");
        Refuse(video == "cloudflare" && string.IsNullOrEmpty(configuration["Cloudflare:WebhookSecret"]), allowed.AllowMissingWebhookSecrets,
            "Cloudflare__WebhookSecret is not set: Cloudflare's video events would all be refused", "Unsafe__AllowMissingWebhookSecrets");
        return problems;
    }

    private static string Setting(IConfiguration configuration, string key, string fallback) =>
        (configuration[key] is { Length: > 0 } value ? value : fallback).ToLowerInvariant();
}
