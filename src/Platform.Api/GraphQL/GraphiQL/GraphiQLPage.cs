using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Platform.Api.GraphQL.GraphiQL;

/// <summary>
/// GraphiQL at <c>/graphql</c> for a browser (wherever introspection is on): a page and its static bundle, built from
/// <c>web/graphiql</c> into <c>src/Platform.Api/graphiql</c> by the API's build. Everything is served from here, no inline
/// script or style, so the page runs under <see cref="ContentSecurityPolicy"/>.
/// </summary>
public static class GraphiQLPage
{
    public const string AssetPath = "/graphiql";

    // Fonts arrive as data: URLs inside GraphiQL's stylesheet; 'self' covers the page's own WebSocket in CSP level 3.
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Folder(IHostEnvironment environment) => Path.Combine(environment.ContentRootPath, "graphiql");

    /// <summary>A browser opening the endpoint: a GET that prefers HTML and asks no query.</summary>
    public static bool IsWantedBy(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static async Task ServeAsync(HttpContext http)
    {
        var page = Path.Combine(Folder(http.RequestServices.GetRequiredService<IHostEnvironment>()), "index.html");
        if (!File.Exists(page))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("GraphiQL was not built: run the API's build with node and npm on the PATH (see web/graphiql).");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.SendFileAsync(page, http.RequestAborted);
    }

    /// <summary>The bundle's script and stylesheets at <see cref="AssetPath"/>.</summary>
    public static WebApplication UseGraphiQLAssets(this WebApplication app)
    {
        var folder = Folder(app.Environment);
        if (!Directory.Exists(folder)) return app; // not built: the page says so
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetPath,
            FileProvider = new PhysicalFileProvider(folder),
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy,
        });
        return app;
    }
}
