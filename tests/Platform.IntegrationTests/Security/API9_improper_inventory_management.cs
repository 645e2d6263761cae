using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// OWASP API9:2023. The API is what docs/security.md lists: GraphQL on one path, health, webhooks, the local provider's
/// pages and media. Nothing else answers (no debug, schema or metrics pages), and GraphQL refuses batches.
/// </summary>
public sealed class API9_improper_inventory_management(PlatformApp app) : IClassFixture<PlatformApp>
{
    [Theory]
    [InlineData("/swagger")]
    [InlineData("/graphql/schema")]
    [InlineData("/ui/playground")]
    [InlineData("/metrics")]
    [InlineData("/.env")]
    [InlineData("/api/graphql")]
    public async Task an_undocumented_path_answers_404(string path)
    {
        using var response = await app.Host.Server.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task a_batch_of_operations_is_refused_as_a_whole()
    {
        using var response = await app.Host.Server.CreateClient().PostAsync("/graphql",
            new StringContent("[{\"query\":\"{ __typename }\"},{\"query\":\"{ __typename }\"}]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("batching is not supported", await response.Content.ReadAsStringAsync());
    }
}
