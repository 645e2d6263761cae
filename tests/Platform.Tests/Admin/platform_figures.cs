using JasperFx.Events;
using JasperFx.Events.Daemon;
using Platform.Contracts.Commerce;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Projections.Admin;

namespace Platform.Tests.Admin;

/// <summary>platformStats' counts: each event lands in the all-time figures and in its hour's, whatever batches the daemon reads them in.</summary>
public sealed class platform_figures
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PlatformFiguresProjection Projection = new();

    private static IEvent E(object data) => new Event<object>(data);

    private static readonly IEvent[] History =
    [
        E(new UserRegistered(Guid.NewGuid(), "iss", "a", "a", "A", null, Start)),
        E(new CommunityCreated(Guid.NewGuid(), "C", "c", "", CommunityVisibility.Public, JoinPolicy.Open, 15, null, Guid.NewGuid(), Start)),
        E(new PaymentSucceeded(Guid.NewGuid(), 4900, 735, 4165, "eur", "pi_1", "evt_1", Start.AddSeconds(1))),
        E(new PaymentSucceeded(Guid.NewGuid(), 1500, 225, 1275, "usd", "pi_2", "evt_2", Start.AddSeconds(2))),
        E(new PaymentSucceeded(Guid.NewGuid(), 100, 15, 85, "eur", "pi_3", "evt_3", Start.AddSeconds(3))),
        E(new PaymentRefunded(Guid.NewGuid(), null, "re_1", 500, 75, 425, "usd", "evt_4", Start.AddSeconds(4))),
        E(new Enrolled(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), EnrolmentSource.Free, Start.AddSeconds(5))),
    ];

    private static PlatformFigures Fold(string id, IEnumerable<IEvent[]> batches) =>
        batches.Aggregate((PlatformFigures?)null, (snapshot, batch) => Projection.DetermineAction(snapshot, id, batch).Item1)!;

    [Fact]
    public void every_event_counts_once_with_the_gross_by_currency()
    {
        var (all, action) = Projection.DetermineAction(null, PlatformFiguresProjection.AllTime, History);
        Assert.Equal(ActionType.Store, action);
        Assert.Equal((1, 1, 0, 1, 3, 1), (all!.Users, all.Communities, all.Courses, all.Enrolments, all.Purchases, all.Refunds));
        Assert.Equal(new Dictionary<string, long> { ["eur"] = 5000, ["usd"] = 1500 }, all.Gross);
        Assert.Null(all.Hour);
    }

    [Fact]
    public void an_hours_figures_know_their_hour_and_batches_do_not_change_the_sums()
    {
        var id = PlatformFiguresProjection.HourId(Start);
        Assert.Equal("2026-12-01T12", id);
        var oneByOne = Fold(id, History.Select(e => new[] { e }));
        var inPairs = Fold(id, History.Chunk(2));
        Assert.Equal(Start, oneByOne.Hour);
        Assert.Equal((oneByOne.Users, oneByOne.Purchases, oneByOne.Refunds, oneByOne.Gross["eur"]), (inPairs.Users, inPairs.Purchases, inPairs.Refunds, inPairs.Gross["eur"]));
        Assert.Equal(Start, PlatformFiguresProjection.HourOf(Start.AddMinutes(59).AddSeconds(59)));
        Assert.Equal("2026-12-01T13", PlatformFiguresProjection.HourId(PlatformFiguresProjection.HourOf(Start.AddHours(1))));
    }

    [Fact]
    public void a_window_is_the_sum_of_its_hours()
    {
        var first = Projection.DetermineAction(null, "h1", History[..3]).Item1!;
        var second = Projection.DetermineAction(null, "h2", History[3..]).Item1!;
        var sum = PlatformFigures.Sum("window", [first, second]);
        var all = Projection.DetermineAction(null, PlatformFiguresProjection.AllTime, History).Item1!;
        Assert.Equal((all.Users, all.Communities, all.Enrolments, all.Purchases, all.Refunds), (sum.Users, sum.Communities, sum.Enrolments, sum.Purchases, sum.Refunds));
        Assert.Equal(all.Gross, sum.Gross);
    }
}
