using GraphQL.Types;
using Marten;
using Platform.Api.Social.Stream;
using Platform.Projections.Social;
using Wolverine.Marten;

namespace Platform.Api.Social;

public static class SocialConfiguration
{
    /// <summary><c>Feeds__Provider</c>: <c>embedded</c> (the default) or <c>stream</c>.</summary>
    public static string FeedsProvider(IConfiguration configuration) =>
        (configuration["Feeds:Provider"] ?? "embedded").ToLowerInvariant() switch
        {
            "embedded" => "embedded",
            "stream" => "stream",
            var other => throw new InvalidOperationException($"Feeds__Provider is 'embedded' or 'stream', not '{other}'."),
        };

    /// <summary>
    /// The feed port. Embedded: the async projection writes the feeds and reads go to PostgreSQL. Stream: a Marten
    /// subscription relays committed feed events into a durable Wolverine queue whose handler calls Stream.
    /// </summary>
    public static WebApplicationBuilder AddSocial(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReactionLookup>();
        if (FeedsProvider(builder.Configuration) == "embedded")
        {
            builder.Services.AddScoped<IFeeds>(s => new EmbeddedFeeds(s.GetRequiredService<IDocumentSession>()));
            return builder;
        }
        var options = builder.Configuration.GetSection("Stream").Get<StreamOptions>() ?? new StreamOptions();
        if (options.ApiKey.Length == 0 || options.ApiSecret.Length == 0)
            throw new InvalidOperationException("Feeds__Provider=stream needs Stream__ApiKey and Stream__ApiSecret.");
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient(nameof(StreamFeeds));
        builder.Services.AddSingleton<IFeeds>(s => new StreamFeeds(
            s.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(StreamFeeds)), options, s.GetRequiredService<TimeProvider>()));
        builder.Services.PublishEventsToWolverine("feeds-to-stream", StreamFanoutHandler.Relay);
        return builder;
    }

    public static void AddSocialQueries(this ObjectGraphType query)
    {
        query.AddFeedQuery();
        query.AddPostQuery();
    }

    public static void AddSocialMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreatePost();
        mutation.AddEditPost();
        mutation.AddDeletePost();
        mutation.AddAddComment();
        mutation.AddReact();
        mutation.AddUnreact();
        mutation.AddFollow();
        mutation.AddUnfollow();
        mutation.AddMarkNotificationsRead();
    }

    public static void AddSocialSubscriptions(this ObjectGraphType subscription)
    {
        subscription.AddPostAdded();
        subscription.AddNotificationAdded();
        subscription.AddFeedUpdated();
    }
}
