namespace Platform.Api.Live;

public static class LiveConfiguration
{
    public static WebApplicationBuilder AddLiveEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveEvents>();
        builder.Services.AddSingleton<LiveEventListener>();
        builder.Services.AddHostedService(s => s.GetRequiredService<LiveEventListener>());
        return builder;
    }
}
