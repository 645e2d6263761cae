using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>The app with small rate limits, so a test reaches each one in a few requests. Windows are long: a burst never straddles two.</summary>
public sealed class TightRateLimitsApp : PlatformApp
{
    public const int Operations = 30;
    public const int Mutations = 10;
    public const int MoneyOperations = 2;
    public const int OpenWebSockets = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Operations:PermitLimit"] = $"{Operations}",
        ["RateLimits:Operations:Window"] = "00:10:00",
        ["RateLimits:Mutations:PermitLimit"] = $"{Mutations}",
        ["RateLimits:Mutations:Window"] = "00:10:00",
        ["RateLimits:MoneyOperations:PermitLimit"] = $"{MoneyOperations}",
        ["RateLimits:MoneyOperations:Window"] = "00:10:00",
        ["RateLimits:OpenWebSocketsPerAddress"] = $"{OpenWebSockets}",
    };
}
