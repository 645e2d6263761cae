using System.Reflection;
using Platform.Api.Commerce;
using Platform.Api.GraphQL;
using Platform.Api.Identity;
using Platform.Api.Ledger;
using Platform.Api.Social.Stream;
using Platform.Api.Video;
using Platform.Api.Payouts;

namespace Platform.Tests;

/// <summary>Every setting an options class binds is in the README's configuration table, under the name an environment variable uses.</summary>
public sealed class the_readme_configuration_table
{
    // Each options class and the configuration section it is bound from (GetSection in its module's configuration).
    public static TheoryData<Type, string> OptionsClasses => new()
    {
        { typeof(AuthOptions), "Auth" },
        { typeof(PayoutOptions), "Payouts" },
        { typeof(PaymentOptions), "Payments" },
        { typeof(StripeOptions), "Stripe" },
        { typeof(VideoOptions), "Video" },
        { typeof(CloudflareOptions), "Cloudflare" },
        { typeof(StreamOptions), "Stream" },
        { typeof(GraphQLLimits), "GraphQL" },
        { typeof(PersistedDocumentOptions), "GraphQL" },
        { typeof(GraphQLWebSocketOptions), "GraphQL__WebSocket" },
        { typeof(Platform.Api.Privacy.PrivacyOptions), "Privacy" },
        { typeof(Platform.Api.Mail.MailOptions), "Mail" },
        { typeof(Platform.Api.Mail.SmtpOptions), "Smtp" },
        { typeof(Platform.Api.Files.S3Options), "S3" },
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void names_every_setting_of(Type options, string section)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var settings = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}__{p.Name}");

        var missing = settings.Where(setting => !readme.Contains($"`{setting}", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Missing from the README's configuration table: {string.Join(", ", missing)}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }
}
