using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Social;

/// <summary>
/// A local stand-in for Stream's Activity Feeds REST API: it checks the server JWT (HS256 signature, resource, action and
/// feed_id claims), the auth headers and the api_key, keeps activities per feed (de-duplicated by foreign_id and time, as
/// Stream does), copies them to their "to" feeds, serves reads with id_lt paging, and can fail the next writes on demand.
/// </summary>
public sealed class FakeStream : IAsyncDisposable
{
    public const string ApiKey = "stream-key";
    public const string ApiSecret = "stream-secret";

    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Authorization, string? AuthType,
        JsonElement Claims, JsonElement? Body, int Status, DateTimeOffset At);

    private sealed record Stored(string Id, JsonElement Activity);

    private WebApplication app = null!;
    private readonly object gate = new();
    private readonly Dictionary<string, List<Stored>> feeds = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> waiters = [];

    public string Origin { get; private set; } = "";
    public ConcurrentQueue<Received> Requests { get; } = new();
    /// <summary>Statuses for the next activity writes (500, 429) before they succeed again.</summary>
    public ConcurrentQueue<int> FailNextWrites { get; } = new();

    public static async Task<FakeStream> Start()
    {
        var fake = new FakeStream();
        (fake.app, fake.Origin) = await LoopbackServer.Start(app => app.Map("/api/v1.0/feed/{**rest}", fake.Handle));
        return fake;
    }

    /// <summary>Completes once the condition holds after some request; checked on every request, no polling.</summary>
    public Task Until(Func<FakeStream, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(this)) return Task.CompletedTask;
            waiters.Add((() => condition(this), done));
        }
        return done.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public IReadOnlyList<JsonElement> Activities(string feed)
    {
        lock (gate) return feeds.GetValueOrDefault(feed)?.Select(s => s.Activity).ToList() ?? [];
    }

    public IEnumerable<Received> Adds(string foreignId) =>
        Requests.Where(r => r.Method == "POST" && r.Body is { } body && body.TryGetProperty("foreign_id", out var id) && id.GetString() == foreignId);

    private async Task Handle(HttpContext http)
    {
        var path = http.Request.Path.Value!;
        var parts = path["/api/v1.0/feed/".Length..].Split('/');
        var (slug, id) = (parts[0], parts[1]);
        var body = http.Request.ContentLength > 0 || http.Request.Method == "POST"
            ? await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body) : (JsonElement?)null;
        var authorization = http.Request.Headers.Authorization.ToString();
        var claims = Verify(authorization);
        var status = claims is null || http.Request.Headers["Stream-Auth-Type"] != "jwt" || http.Request.Query["api_key"] != ApiKey
                     || claims.Value.GetProperty("feed_id").GetString() != $"{slug}{id}"
            ? 403 : 200;
        object? answer = null;
        var resetAt = DateTimeOffset.UtcNow.AddSeconds(1);
        if (status == 200)
        {
            var write = http.Request.Method == "POST" && parts.Length == 3;
            if (write && FailNextWrites.TryDequeue(out var failure)) status = failure;
            else answer = Apply(http.Request.Method, $"{slug}:{id}", parts, body, http.Request.Query);
        }
        Requests.Enqueue(new Received(http.Request.Method, path, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), authorization,
            http.Request.Headers["Stream-Auth-Type"], claims ?? default, body, status, DateTimeOffset.UtcNow));
        http.Response.StatusCode = status;
        if (status == 429) http.Response.Headers["X-RateLimit-Reset"] = resetAt.ToUnixTimeSeconds().ToString();
        if (answer is not null) await http.Response.WriteAsJsonAsync(answer);
        lock (gate)
            foreach (var waiter in waiters.ToList().Where(w => w.Condition()))
            {
                waiters.Remove(waiter);
                waiter.Done.SetResult();
            }
    }

    private object? Apply(string method, string feed, string[] parts, JsonElement? body, IQueryCollection query)
    {
        lock (gate)
        {
            switch (method, parts.Length)
            {
                case ("POST", 3):
                    var activities = body!.Value.TryGetProperty("activities", out var many) ? many.EnumerateArray().ToList() : [body.Value];
                    foreach (var activity in activities)
                    {
                        Add(feed, activity);
                        foreach (var to in activity.GetProperty("to").EnumerateArray()) Add(to.GetString()!, activity);
                    }
                    return new { activities };
                case ("POST", 4):
                    Follow(feed, body!.Value.GetProperty("target").GetString()!);
                    return new { };
                case ("DELETE", 5) when parts[2] == "following":
                    feeds.Remove($"{feed}>{parts[3]}");
                    return new { };
                case ("DELETE", 4):
                    feeds.GetValueOrDefault(feed)?.RemoveAll(s => s.Activity.GetProperty("foreign_id").GetString() == Uri.UnescapeDataString(parts[2]));
                    return new { removed = parts[2] };
                case ("GET", 3):
                    var sources = feeds.Keys.Where(k => k.StartsWith($"{feed}>")).Select(k => k.Split('>')[1]).Append(feed);
                    // An activity copied to two followed feeds is one activity in the timeline, as on Stream.
                    var all = sources.SelectMany(s => feeds.GetValueOrDefault(s) ?? []).DistinctBy(s => s.Id)
                        .OrderByDescending(s => s.Id, StringComparer.Ordinal).ToList();
                    if (query["id_lt"].ToString() is { Length: > 0 } before) all = all.Where(s => string.CompareOrdinal(s.Id, before) < 0).ToList();
                    var limit = int.Parse(query["limit"].ToString());
                    return new { results = all.Take(limit).Select(s => Merge(s.Activity, s.Id)) };
                default:
                    return new { };
            }
        }
    }

    /// <summary>Stream's own de-duplication: the same foreign_id and time in a feed is the same activity.</summary>
    private void Add(string feed, JsonElement activity)
    {
        var list = feeds.TryGetValue(feed, out var existing) ? existing : feeds[feed] = [];
        bool Same(Stored s) => s.Activity.GetProperty("foreign_id").GetString() == activity.GetProperty("foreign_id").GetString()
                               && s.Activity.GetProperty("time").GetString() == activity.GetProperty("time").GetString();
        if (list.Any(Same)) return;
        // Ids that sort by time and, as Stream's, are one activity's in every feed it was copied to.
        var foreignId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(activity.GetProperty("foreign_id").GetString()!)))[..32];
        list.Add(new Stored($"{activity.GetProperty("time").GetString()}-{foreignId}", activity));
    }

    private void Follow(string follower, string target) => feeds[$"{follower}>{target}"] = [];

    private static Dictionary<string, object?> Merge(JsonElement activity, string id)
    {
        var merged = activity.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        merged["id"] = id;
        return merged;
    }

    /// <summary>The claims of a raw (not "Bearer") HS256 JWT signed with the API secret, or null.</summary>
    public static JsonElement? Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        static byte[] Decode(string part) => Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '='));
        var header = JsonSerializer.Deserialize<JsonElement>(Decode(parts[0]));
        if (header.GetProperty("alg").GetString() != "HS256") return null;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        return CryptographicOperations.FixedTimeEquals(expected, Decode(parts[2])) ? JsonSerializer.Deserialize<JsonElement>(Decode(parts[1])) : null;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
