using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.GraphQL.Schema;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.GraphQL;

/// <summary>An app whose executer always throws: what a client sees when the server itself breaks.</summary>
public sealed class BrokenExecuterApp : PlatformApp
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IDocumentExecuter<PlatformSchema>>(new BrokenExecuter());

    private sealed class BrokenExecuter : IDocumentExecuter<PlatformSchema>
    {
        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options) => throw new InvalidOperationException("The executer broke.");
    }
}

public sealed class when_the_server_fails_inside_an_operation(BrokenExecuterApp app) : IClassFixture<BrokenExecuterApp>
{
    [Fact]
    public async Task the_websocket_is_closed_with_4500()
    {
        await using var client = await GraphQLWebSocketClient.Connect(app.Host);
        await client.Initialise();

        await client.Send(new { id = "1", type = "subscribe", payload = new { query = "{ communities { nodes { id } } }" } });

        Assert.Equal(4500, await client.ExpectClose());
    }

    [Fact]
    public async Task an_http_request_gets_a_500_without_the_exception()
    {
        var response = await app.Client().Send("{ communities { nodes { id } } }");

        Assert.Equal(500, response.Status);
        Assert.DoesNotContain("The executer broke", response.Body.ToString());
    }
}
