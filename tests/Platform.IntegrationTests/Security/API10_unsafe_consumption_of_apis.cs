using System.Net;
using System.Text;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// OWASP API10:2023. What providers send is trusted only when signed: an unsigned or wrongly signed video webhook is
/// refused and changes nothing. (The Stripe webhooks' signature checks are in Commerce/when_payments_go_through_stripe.)
/// </summary>
public sealed class API10_unsafe_consumption_of_apis(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string ReadyVideo = "{\"uid\":\"forged\",\"readyToStream\":true,\"status\":{\"state\":\"ready\"},\"meta\":{\"videoId\":\"00000000-0000-0000-0000-000000000001\"}}";

    [Theory]
    [InlineData(null)]
    [InlineData("time=1700000000,sig1=00")]
    [InlineData("garbage")]
    public async Task a_video_webhook_without_a_valid_signature_is_refused(string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/video") { Content = new StringContent(ReadyVideo, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Webhook-Signature", signature);

        using var response = await app.Host.Server.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
