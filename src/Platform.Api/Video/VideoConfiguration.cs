namespace Platform.Api.Video;

/// <summary>The video port: the configured provider (local or Cloudflare Stream) and its options.</summary>
public static class VideoConfiguration
{
    public static WebApplicationBuilder AddVideo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Video").Get<VideoOptions>() ?? new VideoOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(builder.Configuration.GetSection("Cloudflare").Get<CloudflareOptions>() ?? new CloudflareOptions());
        builder.Services.AddSingleton<LocalVideoProvider>();
        builder.Services.AddHttpClient(nameof(CloudflareVideoProvider));
        builder.Services.AddSingleton(s => new CloudflareVideoProvider(
            s.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(CloudflareVideoProvider)),
            s.GetRequiredService<CloudflareOptions>(), options, s.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IVideoProvider>(options.Provider.ToLowerInvariant() switch
        {
            "local" => s => s.GetRequiredService<LocalVideoProvider>(),
            "cloudflare" => s => s.GetRequiredService<CloudflareVideoProvider>(),
            _ => throw new InvalidOperationException($"Video__Provider is 'local' or 'cloudflare', not '{options.Provider}'."),
        });
        return builder;
    }
}

public static class VideoFields
{
    public static void AddVideoMutations(this global::GraphQL.Types.ObjectGraphType mutation) => mutation.AddRequestVideoUpload();
}
