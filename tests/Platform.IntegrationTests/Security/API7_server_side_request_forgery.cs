using Microsoft.AspNetCore.Builder;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// OWASP API7:2023. The API fetches no URL a caller gives it: provider origins come from configuration only, and a
/// URL in an input is stored as text, never requested.
/// </summary>
public sealed class API7_server_side_request_forgery(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task a_url_in_an_input_is_never_requested_by_the_server()
    {
        var requests = 0;
        var (listener, origin) = await LoopbackServer.Start(web => web.Run(_ => { Interlocked.Increment(ref requests); return Task.CompletedTask; }));
        await using var _ = listener;
        var client = app.Client(Shops.NewUser("ssrf"));

        await client.Send("mutation($b: String) { updateProfile(input: { bio: $b }) { id } }", new { b = origin + "/probe" });
        await client.Send("mutation($n: String!, $s: String!) { createCommunity(input: { name: $n, slug: $s, joinPolicy: OPEN }) { id } }",
            new { n = origin + "/name", s = $"ssrf-{Guid.NewGuid():N}"[..20] });

        Assert.Equal(0, requests);
    }
}
