using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Social;

/// <summary>notificationAdded and feedUpdated: subscribers hear of an item once their feed holds it, and only what they may see.</summary>
public sealed class when_feed_changes_are_live(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly SocialScenario social = new(app);

    /// <summary>
    /// Subscribes, then repeats <paramref name="act"/> until the subscription answers (the protocol has no "subscribed"
    /// reply); returns the first message and what each attempt was.
    /// </summary>
    private async Task<(JsonElement Message, List<string> Attempts)> FirstHeard(string user, string query, object? variables, Func<int, Task<string>> act)
    {
        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);
        await socket.Initialise(PlatformApp.Token(user));
        await socket.Send(new { id = "live", type = "subscribe", payload = new { query, variables } });
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            attempts.Add(await act(attempt));
            try { return (await socket.Receive(TimeSpan.FromSeconds(2)), attempts); }
            catch (OperationCanceledException) { }
        }
        throw new Xunit.Sdk.XunitException("Nothing was heard.");
    }

    [Fact]
    public async Task an_author_hears_of_a_comment_on_their_post_as_a_notification()
    {
        var (creator, author) = (SocialScenario.User("creator"), SocialScenario.User("author"));
        var community = await social.Community(creator);
        await social.Join(author, community);
        var post = (await social.Post(author, community, "Ask me")).GetProperty("id").GetString()!;

        var (message, comments) = await FirstHeard(author, "subscription { notificationAdded { id verb actorId post { id } } }", null,
            async n => $"comment:{(await social.Comment(creator, post, $"Comment {n}")).GetProperty("id").GetString()}");

        var item = message.GetProperty("payload").GetProperty("data").GetProperty("notificationAdded");
        Assert.Contains(item.GetProperty("id").GetString(), comments);
        Assert.Equal(("comment", PlatformApp.UserId(creator).ToString(), post),
            (item.GetProperty("verb").GetString(), item.GetProperty("actorId").GetString(), item.GetProperty("post").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task a_follower_hears_of_a_new_post_in_their_timeline()
    {
        var (writer, reader) = (SocialScenario.User("writer"), SocialScenario.User("reader"));
        var community = await social.Community(writer);
        await social.Follow(reader, PlatformApp.UserId(writer).ToString());

        var (message, posts) = await FirstHeard(reader, "subscription($o: ID!) { feedUpdated(type: TIMELINE, ownerId: $o) { id verb post { title } } }",
            new { o = PlatformApp.UserId(reader) },
            async n => $"post:{(await social.Post(writer, community, $"Post {n}")).GetProperty("id").GetString()}");

        var item = message.GetProperty("payload").GetProperty("data").GetProperty("feedUpdated");
        Assert.Contains(item.GetProperty("id").GetString(), posts);
        Assert.Equal("post", item.GetProperty("verb").GetString());
    }

    [Fact]
    public async Task nobody_subscribes_to_someone_elses_timeline()
    {
        await using var socket = await GraphQLWebSocketClient.Connect(app.Host);
        await socket.Initialise(PlatformApp.Token(SocialScenario.User("snoop")));
        await socket.Send(new { id = "s", type = "subscribe", payload = new { query = "subscription($o: ID!) { feedUpdated(type: NOTIFICATION, ownerId: $o) { id } }",
            variables = new { o = PlatformApp.UserId("someone") } } });
        var refused = await socket.Receive();
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Contains("FORBIDDEN", refused.ToString());
    }
}
