namespace Platform.Api.Infrastructure;

/// <summary>The configuration contract's top-level names.</summary>
public static class PlatformOptions
{
    /// <summary>The Npgsql connection string: <c>PLATFORM_DB</c>, else <c>ConnectionStrings:Platform</c>.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["PLATFORM_DB"] is { Length: > 0 } fromEnvironment ? fromEnvironment
        : configuration.GetConnectionString("Platform") is { Length: > 0 } fromSettings ? fromSettings
        : throw new InvalidOperationException(
            "No database: set PLATFORM_DB to an Npgsql connection string, or start with ./platform up, which runs a private PostgreSQL.");
}

public static class PlatformUrlConfiguration
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Listens on <c>PLATFORM_URL</c>; without it and without ASP.NET's own URL settings, on the default.</summary>
    public static WebApplicationBuilder UsePlatformUrl(this WebApplicationBuilder builder)
    {
        var url = builder.Configuration["PLATFORM_URL"];
        if (string.IsNullOrEmpty(url) && string.IsNullOrEmpty(builder.Configuration["urls"])) url = DefaultUrl;
        if (!string.IsNullOrEmpty(url)) builder.WebHost.UseUrls(url);
        return builder;
    }
}
