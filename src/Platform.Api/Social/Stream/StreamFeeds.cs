using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Projections.Social;

namespace Platform.Api.Social.Stream;

/// <summary>The <c>Stream</c> configuration section. <c>BaseUrl</c> is an origin; the adapter adds <c>/api/v1.0/...</c>.</summary>
public sealed class StreamOptions
{
    public string ApiKey { get; set; } = "";
    public string ApiSecret { get; set; } = "";
    public string BaseUrl { get; set; } = "https://api.stream-io-api.com";
    /// <summary>The longest wait for a rate limit to reset inside one call; a longer one fails the call and the queue retries it later.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Stream answered 429 and asked for a wait longer than we hold a call open.</summary>
public sealed class StreamRateLimited(DateTimeOffset resetAt) : HttpRequestException($"Stream's rate limit resets at {resetAt:u}.")
{
    public DateTimeOffset ResetAt { get; } = resetAt;
}

/// <summary>
/// Stream Activity Feeds over REST, with our own HttpClient (the official .NET client is not available): server-side
/// JWTs (HS256 with the API secret, claims resource, action and feed_id) sent raw in <c>Authorization</c> with
/// <c>Stream-Auth-Type: jwt</c>, and the API key as a query parameter. An activity's <c>foreign_id</c> and <c>time</c> come
/// from our events, so a retried delivery is the same activity to Stream, never a second one.
/// </summary>
public sealed class StreamFeeds(HttpClient http, StreamOptions options, TimeProvider clock) : IFeeds
{
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.ffffff";
    public const int BatchSize = 100;

    public async Task Publish(IReadOnlyList<FeedActivity> activities, CancellationToken cancellation)
    {
        // An activity goes to its first feed, and Stream copies it to the others ("to").
        foreach (var group in activities.GroupBy(a => a.Feeds[0]))
        foreach (var chunk in group.Chunk(BatchSize))
        {
            var bodies = chunk.Select(Body).ToList();
            using var _ = await Send(HttpMethod.Post, group.Key, "feed", "write", "", bodies.Count == 1 ? bodies[0] : new { activities = bodies }, cancellation);
        }
    }

    public async Task Remove(string foreignId, IReadOnlyList<FeedKey> feeds, CancellationToken cancellation)
    {
        foreach (var feed in feeds)
        {
            using var _ = await Send(HttpMethod.Delete, feed, "feed", "delete", $"{Uri.EscapeDataString(foreignId)}/", null, cancellation, "foreign_id=1");
        }
    }

    public async Task Follow(FeedKey follower, FeedKey target, CancellationToken cancellation)
    {
        using var _ = await Send(HttpMethod.Post, follower, "follower", "write", "following/",
            new { target = $"{target.Slug}:{target.Id}", activity_copy_limit = 100 }, cancellation);
    }

    public async Task Unfollow(FeedKey follower, FeedKey target, CancellationToken cancellation)
    {
        using var _ = await Send(HttpMethod.Delete, follower, "follower", "delete", $"following/{target.Slug}:{target.Id}/", null, cancellation);
    }

    /// <summary>Pages with <c>id_lt</c>: Stream's activity ids order a feed, so the cursor is the last id read.</summary>
    public async Task<FeedPage> Read(FeedKey feed, int limit, string? after, IReadOnlyCollection<Guid> hiddenCommunities, CancellationToken cancellation)
    {
        var query = $"limit={limit + 1}" + (after is null ? "" : $"&id_lt={Uri.EscapeDataString(after)}");
        using var response = await Send(HttpMethod.Get, feed, "feed", "read", "", null, cancellation, query);
        var page = await response.Content.ReadFromJsonAsync<ReadResponse>(cancellation) ?? new ReadResponse([]);
        // Hidden items are left out after reading, so a page can hold fewer than asked; its cursor still moves on.
        var items = page.Results.Take(limit)
            .Where(a => a.CommunityId is not { } c || !hiddenCommunities.Contains(c))
            .Select(a => (a.Id, new FeedActivity(a.ForeignId, a.Verb, Guid.Parse(a.Actor), Guid.Parse(a.Object),
                new DateTimeOffset(DateTime.ParseExact(a.Time, ["yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero),
                a.PostId, a.CommunityId, [feed])))
            .ToList();
        return new FeedPage(items, page.Results.Count > limit);
    }

    private static object Body(FeedActivity a) => new Dictionary<string, object?>
    {
        ["actor"] = a.ActorId.ToString(),
        ["verb"] = a.Verb,
        ["object"] = a.ObjectId.ToString(),
        ["foreign_id"] = a.ForeignId,
        ["time"] = a.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
        ["to"] = a.Feeds.Skip(1).Select(f => $"{f.Slug}:{f.Id}").ToArray(),
        ["post_id"] = a.PostId,
        ["community_id"] = a.CommunityId,
    };

    /// <summary>One call; a 429 waits for <c>X-RateLimit-Reset</c> and sends the same request again.</summary>
    private async Task<HttpResponseMessage> Send(HttpMethod method, FeedKey feed, string resource, string action, string path, object? body,
        CancellationToken cancellation, string query = "")
    {
        var url = $"{options.BaseUrl.TrimEnd('/')}/api/v1.0/feed/{feed.Slug}/{feed.Id}/{path}?api_key={Uri.EscapeDataString(options.ApiKey)}"
                  + (query.Length > 0 ? $"&{query}" : "");
        var token = Token(resource, action, $"{feed.Slug}{feed.Id}");
        var json = body is null ? null : JsonSerializer.Serialize(body);
        while (true)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.TryAddWithoutValidation("Authorization", token);
            request.Headers.Add("Stream-Auth-Type", "jwt");
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            var response = await http.SendAsync(request, cancellation);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var resetAt = response.Headers.TryGetValues("X-RateLimit-Reset", out var values) && long.TryParse(values.First(), out var epoch)
                    ? DateTimeOffset.FromUnixTimeSeconds(epoch) : clock.GetUtcNow().AddSeconds(1);
                response.Dispose();
                if (resetAt - clock.GetUtcNow() > options.MaxRateLimitWait) throw new StreamRateLimited(resetAt);
                // A timer may fire a moment before the clock reads the reset time: wait until the clock says it has passed.
                for (var wait = resetAt - clock.GetUtcNow(); wait > TimeSpan.Zero; wait = resetAt - clock.GetUtcNow())
                    await Task.Delay(wait, clock, cancellation);
                continue;
            }
            if (response.IsSuccessStatusCode || (method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound)) return response;
            var detail = await response.Content.ReadAsStringAsync(cancellation);
            response.Dispose();
            throw new HttpRequestException($"Stream answered {(int)response.StatusCode} to {method} {feed}/{path}: {detail}", null, response.StatusCode);
        }
    }

    /// <summary>A server-side token: HS256 over the claims with the API secret.</summary>
    public string Token(string resource, string action, string feedId)
    {
        static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));
        var unsigned = $"{Part(new { alg = "HS256", typ = "JWT" })}.{Part(new { resource, action, feed_id = feedId })}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.ApiSecret), Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record ReadResponse(List<StreamActivity> Results);

    private sealed record StreamActivity(
        string Id, string Actor, string Verb, string Object, [property: JsonPropertyName("foreign_id")] string ForeignId, string Time,
        [property: JsonPropertyName("post_id")] Guid? PostId, [property: JsonPropertyName("community_id")] Guid? CommunityId);
}
