namespace Platform.Api.Security;

/// <summary>Response headers, CORS and request size: what every response and every endpoint gets.</summary>
public static class HttpHardening
{
    /// <summary>Largest GraphQL request body; documents are far smaller (see GraphQLLimits.MaxDocumentLength).</summary>
    public const long MaxGraphQLBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Frontends on another origin, by exact origin (https://app.example.com); none by default.
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Accept", "X-Correlation-Id")
            .WithExposedHeaders("Retry-After", "X-Correlation-Id")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // The only HTML is the payment pages: no scripts, no styles, forms posting back here.
            headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            // Behind a TLS-terminating proxy, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true makes the request count as HTTPS.
            if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return next(http);
        });
        app.UseCors();
        return app;
    }
}
