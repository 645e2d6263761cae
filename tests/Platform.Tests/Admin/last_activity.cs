using JasperFx.Events;
using JasperFx.Events.Daemon;
using Platform.Projections.Admin;

namespace Platform.Tests.Admin;

/// <summary>A user's last activity is written when it moves by the granularity, and the same however the events fall into batches.</summary>
public sealed class last_activity
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid User = Guid.NewGuid();
    private static readonly UserActivityProjection Projection = new();

    private static IEvent At(TimeSpan after) => new Event<object>(new object()) { Timestamp = Start + after, UserName = User.ToString() };

    private static (UserActivity? Snapshot, ActionType Action) Apply(UserActivity? snapshot, params IEvent[] events) =>
        Projection.DetermineAction(snapshot, User, events);

    [Fact]
    public void the_first_activity_is_written_and_one_within_the_granularity_writes_nothing()
    {
        var (first, stored) = Apply(null, At(TimeSpan.Zero));
        Assert.Equal((Start, ActionType.Store), (first!.LastActiveAt, stored));

        var (same, nothing) = Apply(first, At(UserActivityProjection.Granularity - TimeSpan.FromSeconds(1)));
        Assert.Equal(ActionType.Nothing, nothing);
        Assert.Same(first, same);
    }

    [Fact]
    public void an_activity_a_granularity_later_is_written_and_an_earlier_one_never_moves_it_back()
    {
        var first = Apply(null, At(TimeSpan.Zero)).Snapshot;
        var (later, stored) = Apply(first, At(-TimeSpan.FromHours(1)), At(UserActivityProjection.Granularity));
        Assert.Equal((Start + UserActivityProjection.Granularity, ActionType.Store), (later!.LastActiveAt, stored));
    }

    [Fact]
    public void one_batch_and_many_give_the_same_last_activity()
    {
        var minutes = new[] { 0, 4, 9, 11, 13, 20, 22, 35, 31, 46 }.Select(m => At(TimeSpan.FromMinutes(m))).ToArray();
        var oneByOne = minutes.Aggregate((UserActivity?)null, (snapshot, e) => Apply(snapshot, e).Snapshot);
        var inPairs = minutes.Chunk(2).Aggregate((UserActivity?)null, (snapshot, pair) => Apply(snapshot, pair).Snapshot);
        var atOnce = Apply(null, minutes).Snapshot;
        Assert.Equal(Start + TimeSpan.FromMinutes(46), atOnce!.LastActiveAt); // 0, then 11, 22, 35, 46: each at least 10 minutes on
        Assert.Equal(atOnce.LastActiveAt, oneByOne!.LastActiveAt);
        Assert.Equal(atOnce.LastActiveAt, inPairs!.LastActiveAt);
    }
}
