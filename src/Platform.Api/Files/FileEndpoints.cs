namespace Platform.Api.Files;

/// <summary>The local file store's HTTP side: uploads (PUT) and downloads (GET), both on signed, expiring URLs.</summary>
public static class FileEndpoints
{
    public static WebApplication MapLocalFiles(this WebApplication app)
    {
        app.MapPut("/files/{**key}", async (string key, HttpContext http, LocalFileStore store) =>
        {
            var query = http.Request.Query;
            if (!ObjectKeys.IsValid(key) || !long.TryParse(query["expires"], out var expires) || !long.TryParse(query["max"], out var max)
                || !store.Verify(new UploadGrant(key, query["ct"].ToString(), max, expires).Signed, expires, query["sig"]))
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            if (!string.Equals(http.Request.ContentType, query["ct"], StringComparison.OrdinalIgnoreCase))
                return Results.Problem($"Send the Content-Type the upload was requested with ({query["ct"]}).", statusCode: StatusCodes.Status415UnsupportedMediaType);
            if (http.Request.ContentLength > max) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

            // Read at most one byte past the cap: a body without a length cannot grow the disk beyond it either.
            using var body = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                if (body.Length + read > max) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                body.Write(buffer, 0, read);
            }
            await store.Write(key, body.ToArray(), query["ct"].ToString(), http.RequestAborted);
            return Results.NoContent();
        });

        app.MapGet("/files/{**key}", (string key, HttpContext http, LocalFileStore store, TimeProvider clock) =>
        {
            var query = http.Request.Query;
            if (!ObjectKeys.IsValid(key) || !long.TryParse(query["expires"], out var expires)
                || !Enum.TryParse<FileCaching>(query["cache"], ignoreCase: true, out var caching)
                || !store.Verify(new DownloadGrant(key, query["ct"].ToString(), caching, expires).Signed, expires, query["sig"]))
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            var path = store.PathOf(key);
            if (!File.Exists(path)) return Results.NotFound();
            // Until the URL expires: shared caches (a CDN) may keep public images, only the asking browser anything else.
            var maxAge = Math.Max(0, expires - clock.GetUtcNow().ToUnixTimeSeconds());
            http.Response.Headers.CacheControl = caching == FileCaching.Public ? $"public, max-age={maxAge}, immutable" : $"private, max-age={maxAge}";
            return Results.File(path, query["ct"].ToString(), enableRangeProcessing: true);
        });
        return app;
    }
}
