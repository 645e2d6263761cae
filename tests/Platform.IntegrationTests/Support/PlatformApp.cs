using Alba;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using JasperFx.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Api.Identity;

namespace Platform.IntegrationTests.Support;

/// <summary>The real application on a database of its own. Tests in one class share it.</summary>
public class PlatformApp : IAsyncLifetime
{
    public static readonly string KeyPath = Path.Combine(Path.GetTempPath(), "platform-tests-keys", "jwt-signing.pem");

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    /// <summary>Settings a fixture adds or overrides (ASP.NET configuration keys).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services a fixture replaces (after the app registered its own).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>The hosting environment the app runs in.</summary>
    protected virtual string Environment => "Development";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync();
        Host = await StartNode(NodeConnectionString(ConnectionString));
    }

    /// <summary>When set, the first node reaches its database through <see cref="Relay"/>, which a test can cut (an outage, a node that died).</summary>
    protected virtual bool BehindRelay => false;

    private TcpProxy? relay;

    public TcpProxy Relay => relay ?? throw new InvalidOperationException("This app reaches its database directly.");

    /// <summary>How the node reaches its database (a fixture may put something in between).</summary>
    protected virtual string NodeConnectionString(string connectionString)
    {
        if (!BehindRelay) return connectionString;
        (relay, var relayed) = TcpProxy.ToDatabase(connectionString);
        return relayed;
    }

    public async Task<IAlbaHost> StartNode(string connectionString)
    {
        JasperFxEnvironment.AutoStartHost = true;
        var settings = new Dictionary<string, string?>
        {
            ["PLATFORM_DB"] = connectionString,
            ["Auth:KeyPath"] = KeyPath,
            ["Platform:DemoData"] = "false",
            ["GraphQL:WebSocket:ConnectionInitTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("environment", Environment);
            builder.ConfigureServices(ConfigureServices);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
        // As Kestrel does: a synchronous write to a response (a data export's first section did one) is an error here too.
        host.Server.AllowSynchronousIO = false;
        return host;
    }

    public GraphQLClient Client(string? user = null, params string[] roles) =>
        new(Host.Server.CreateClient(), user is null ? null : Token(user, roles));

    public static string Token(string user, params string[] roles) =>
        EmbeddedIssuer.LoadOrCreate(KeyPath).Issue(user, roles.Length == 0 ? ["member"] : roles, null, EmbeddedIssuer.DefaultAudience, TimeSpan.FromHours(1));

    public static Guid UserId(string user) => Platform.Contracts.DeterministicId.From("user", EmbeddedIssuer.Issuer, user);

    public Task WaitForProjections() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public async Task<IReadOnlyList<IEvent>> EventsOf(Guid streamId)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.FetchStreamAsync(streamId);
    }

    public virtual async Task DisposeAsync()
    {
        relay?.Restore();
        await Host.DisposeAsync();
        await TestCluster.DropDatabaseAsync(ConnectionString);
        relay?.Dispose();
    }
}
