using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Projections.Social;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Social;

public sealed class StreamPlatformApp : PlatformApp
{
    public FakeStream Stream { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Feeds:Provider"] = "stream",
        ["Stream:ApiKey"] = FakeStream.ApiKey,
        ["Stream:ApiSecret"] = FakeStream.ApiSecret,
        ["Stream:BaseUrl"] = Stream.Origin,
    };

    public override async Task InitializeAsync()
    {
        Stream = await FakeStream.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stream.DisposeAsync();
    }
}

/// <summary>Feeds__Provider=stream: committed events reach Stream's REST API through the durable queue, signed and idempotent.</summary>
public sealed class when_feeds_are_delivered_to_stream(StreamPlatformApp app) : IClassFixture<StreamPlatformApp>
{
    private readonly SocialScenario social = new(app);

    private static string User(string prefix) => SocialScenario.User(prefix);

    private async Task<(string Member, string Community, string PostId)> APost(string title)
    {
        var (creator, member) = (User("creator"), User("member"));
        var community = await social.Community(creator);
        await social.Join(member, community);
        var post = (await social.Post(member, community, title)).GetProperty("id").GetString()!;
        return (member, community, post);
    }

    [Fact]
    public async Task a_post_goes_to_the_authors_feed_with_a_signed_token_and_copies_to_its_community()
    {
        var (member, community, post) = await APost("Hello Stream");
        var memberId = PlatformApp.UserId(member);
        await app.Stream.Until(s => s.Adds($"post:{post}").Any(r => r.Status == 200));

        var add = app.Stream.Adds($"post:{post}").Single();
        Assert.Equal($"/api/v1.0/feed/user/{memberId}/", add.Path);
        Assert.Equal(FakeStream.ApiKey, add.Query["api_key"]);
        Assert.Equal("jwt", add.AuthType);
        Assert.False(add.Authorization.StartsWith("Bearer", StringComparison.Ordinal));
        Assert.Equal(("feed", "write", $"user{memberId}"),
            (add.Claims.GetProperty("resource").GetString(), add.Claims.GetProperty("action").GetString(), add.Claims.GetProperty("feed_id").GetString()));
        var body = add.Body!.Value;
        Assert.Equal((memberId.ToString(), "post", post), (body.GetProperty("actor").GetString(), body.GetProperty("verb").GetString(), body.GetProperty("object").GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", body.GetProperty("time").GetString());
        Assert.Equal([$"community:{community}"], body.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        Assert.Single(app.Stream.Activities($"community:{community}"));

        // Reads go to Stream too, paged with id_lt.
        var reader = User("reader");
        var feed = await app.Client(reader).Data(SocialScenario.FeedQuery, new { t = "USER", o = memberId.ToString(), first = 10 });
        var item = Assert.Single(feed.GetProperty("feed").GetProperty("edges").EnumerateArray()).GetProperty("node");
        Assert.Equal(($"post:{post}", "Hello Stream"), (item.GetProperty("id").GetString(), item.GetProperty("post").GetProperty("title").GetString()));

        // Follows and removals are Stream calls of their own.
        await social.Follow(reader, community);
        await app.Stream.Until(s => s.Requests.Any(r => r.Path == $"/api/v1.0/feed/timeline/{PlatformApp.UserId(reader)}/following/"));
        var follow = app.Stream.Requests.Single(r => r.Path == $"/api/v1.0/feed/timeline/{PlatformApp.UserId(reader)}/following/");
        Assert.Equal(($"community:{community}", "follower"), (follow.Body!.Value.GetProperty("target").GetString(), follow.Claims.GetProperty("resource").GetString()));
        await app.Client(member).Data("mutation($p: ID!) { deletePost(postId: $p) { id } }", new { p = post });
        await app.Stream.Until(s => s.Activities($"community:{community}").Count == 0 && s.Activities($"user:{memberId}").Count == 0);
        Assert.Contains(app.Stream.Requests, r => r is { Method: "DELETE", Status: 200 } && r.Query.GetValueOrDefault("foreign_id") == "1");
    }

    [Fact]
    public async Task joining_makes_the_members_timeline_follow_the_community_and_leaving_unfollows_it()
    {
        var (member, community, post) = await APost("Seen by joining");
        var following = $"/api/v1.0/feed/timeline/{PlatformApp.UserId(member)}/following/";
        await app.Stream.Until(s => s.Requests.Any(r => r is { Method: "POST", Status: 200 } && r.Path == following
                                                        && r.Body!.Value.GetProperty("target").GetString() == $"community:{community}"));

        // A reader who follows both the author and the community reads the post once.
        var reader = User("reader");
        await social.Follow(reader, PlatformApp.UserId(member).ToString());
        await social.Follow(reader, community);
        await app.Stream.Until(s => s.Requests.Count(r => r.Path == $"/api/v1.0/feed/timeline/{PlatformApp.UserId(reader)}/following/") == 2);
        var timeline = await app.Client(reader).Data(SocialScenario.FeedQuery, new { t = "TIMELINE", o = PlatformApp.UserId(reader).ToString(), first = 10 });
        Assert.Equal([$"post:{post}"], timeline.GetProperty("feed").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()));

        await app.Client(member).Data("mutation($c: ID!) { leaveCommunity(communityId: $c) { id } }", new { c = community });
        await app.Stream.Until(s => s.Requests.Any(r => r is { Method: "DELETE", Status: 200 } && r.Path == $"{following}community:{community}/"));
    }

    [Fact]
    public async Task a_delivery_refused_with_500_is_retried_as_the_same_activity()
    {
        app.Stream.FailNextWrites.Enqueue(500);
        var (member, _, post) = await APost("Through an outage");
        await app.Stream.Until(s => s.Adds($"post:{post}").Any(r => r.Status == 200));

        var attempts = app.Stream.Adds($"post:{post}").ToList();
        Assert.Equal([500, 200], attempts.Select(a => a.Status));
        Assert.Equal(attempts[0].Body!.Value.GetRawText(), attempts[1].Body!.Value.GetRawText());
        Assert.Single(app.Stream.Activities($"user:{PlatformApp.UserId(member)}"));
    }

    [Fact]
    public async Task a_429_waits_for_the_rate_limit_reset_then_sends_the_same_activity_again()
    {
        app.Stream.FailNextWrites.Enqueue(429);
        var (member, _, post) = await APost("Rate limited");
        await app.Stream.Until(s => s.Adds($"post:{post}").Any(r => r.Status == 200));

        var attempts = app.Stream.Adds($"post:{post}").ToList();
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        // The reset is a whole second after the refusal, in epoch seconds: the retry comes no earlier.
        Assert.True(attempts[1].At >= DateTimeOffset.FromUnixTimeSeconds(attempts[0].At.AddSeconds(1).ToUnixTimeSeconds()),
            $"Retried at {attempts[1].At:O}, refused at {attempts[0].At:O}");
        Assert.Equal(attempts[0].Body!.Value.GetRawText(), attempts[1].Body!.Value.GetRawText());
        Assert.Single(app.Stream.Activities($"user:{PlatformApp.UserId(member)}"));
    }

    [Fact]
    public async Task a_backfill_republishes_history_in_batches_and_adds_nothing_twice()
    {
        var (member, community, post) = await APost("Backfilled");
        var second = (await social.Post(member, community, "Backfilled too")).GetProperty("id").GetString()!;
        await app.Stream.Until(s => s.Adds($"post:{post}").Any(r => r.Status == 200) && s.Adds($"post:{second}").Any(r => r.Status == 200));
        var feed = $"user:{PlatformApp.UserId(member)}";
        Assert.Equal(2, app.Stream.Activities(feed).Count);

        var events = await Platform.Api.Social.Stream.FeedsBackfillCommand.Backfill(
            app.Host.Services.GetRequiredService<IDocumentStore>(), app.Host.Services.GetRequiredService<IFeeds>(), CancellationToken.None);

        Assert.True(events > 0);
        // The member's two posts went again, together in one batch add; Stream keeps one of each.
        var batch = Assert.Single(app.Stream.Requests, r => r.Path == $"/api/v1.0/feed/user/{PlatformApp.UserId(member)}/" && r.Body is { } body
            && body.TryGetProperty("activities", out _));
        Assert.Equal([$"post:{post}", $"post:{second}"],
            batch.Body!.Value.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("foreign_id").GetString()));
        Assert.Equal(2, app.Stream.Activities(feed).Count);
    }
}
