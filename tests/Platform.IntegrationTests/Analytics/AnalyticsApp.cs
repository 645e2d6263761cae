using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Api.Identity;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Analytics;

/// <summary>
/// The app on a fake clock that tests move by days and months. It starts on the first day of the month after next, so a history of
/// several months lies on calendar months the test can name.
/// </summary>
public class AnalyticsApp : PlatformApp
{
    public static readonly DateTimeOffset Start = StartOfMonthAfterNext(DateTimeOffset.UtcNow);

    public AnalyticsApp() : this(Start) { }

    protected AnalyticsApp(DateTimeOffset start) => Clock = new(start);

    public FakeTimeProvider Clock { get; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Requests:PermitLimit"] = "1000000",
        ["RateLimits:Mutations:PermitLimit"] = "1000000",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Tokens that outlive the months the clock is moved by.</summary>
    public GraphQLClient Caller(string user, params string[] roles) =>
        new(Host.Server.CreateClient(), EmbeddedIssuer.LoadOrCreate(KeyPath)
            .Issue(user, roles.Length == 0 ? ["member"] : roles, null, EmbeddedIssuer.DefaultAudience, TimeSpan.FromDays(400)));

    /// <summary>Appends events as the commerce handlers would, in one transaction.</summary>
    public async Task Append(params (Guid Stream, object Event)[] events)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        foreach (var (stream, e) in events) session.Events.Append(stream, e);
        await session.SaveChangesAsync();
    }

    private static DateTimeOffset StartOfMonthAfterNext(DateTimeOffset now) => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2);
}

/// <summary>The fake clock starting at the real time: the local provider dates payments by the real clock, which fee previews count by.</summary>
public sealed class FeeApp() : AnalyticsApp(DateTimeOffset.UtcNow);
