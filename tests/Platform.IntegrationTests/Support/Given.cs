using System.Text.Json;

namespace Platform.IntegrationTests.Support;

/// <summary>The state a test starts from, built through the public API as a client builds it, and the one way to wait for it.</summary>
public static class Given
{
    /// <summary>How long a test waits for work the app finishes after answering (provider calls, queued handlers).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A name no other test uses: slugs, handles and user names share one database per test class.</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A community created by the client's user, who becomes its creator; returns its id.</summary>
    public static async Task<string> Community(GraphQLClient creator, string name, string? slug = null, string visibility = "PUBLIC", string joinPolicy = "OPEN") =>
        (await Created(creator, name, slug, visibility, joinPolicy)).GetProperty("id").GetString()!;

    /// <summary>The createCommunity answer itself, for tests that look at more than the id.</summary>
    public static async Task<JsonElement> Created(GraphQLClient creator, string name, string? slug = null, string visibility = "PUBLIC", string joinPolicy = "OPEN") =>
        (await creator.Data("mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { id } }",
            new { i = new { name, slug = slug ?? Unique("c-"), visibility, joinPolicy } })).GetProperty("createCommunity");

    /// <summary>Reads until <paramref name="done"/> or the deadline; returns the last reading for the caller to assert on.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(100);
        }
    }
}
