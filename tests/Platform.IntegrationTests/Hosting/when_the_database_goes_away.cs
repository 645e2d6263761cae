using System.Net;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Hosting;

/// <summary>The app reaching its database through a relay the test can cut.</summary>
public sealed class DatabaseBehindRelayApp : PlatformApp
{
    protected override bool BehindRelay => true;
}

/// <summary>While PostgreSQL cannot be reached, clients learn it is safe to retry (503, UNAVAILABLE, Retry-After) and readiness says why.</summary>
public sealed class when_the_database_goes_away(DatabaseBehindRelayApp app) : IClassFixture<DatabaseBehindRelayApp>
{
    [Fact]
    public async Task requests_answer_503_unavailable_with_retry_after_and_readiness_names_the_database()
    {
        Assert.Null((await app.Client("before-outage").Send("{ me { id } }")).Errors);
        app.Relay.Cut();
        try
        {
            var anonymous = await app.Client().Send("{ communities { nodes { id } } }");
            var signedIn = await app.Client("during-outage").Send("{ me { id } }");
            using var ready = await app.Host.Server.CreateClient().GetAsync("/health/ready");

            foreach (var response in new[] { anonymous, signedIn })
            {
                Assert.Equal(503, response.Status);
                Assert.Equal("UNAVAILABLE", response.FirstErrorCode);
                Assert.True(response.RetryAfter > TimeSpan.Zero, $"Retry-After on {response.Body}");
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database is not reachable", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            app.Relay.Restore();
        }
    }
}
