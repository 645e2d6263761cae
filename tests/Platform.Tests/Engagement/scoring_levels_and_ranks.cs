using JasperFx.Events;
using Platform.Api.Engagement;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Platform.Contracts.Engagement;
using Platform.Contracts.Social;
using Platform.Projections.Engagement;

namespace Platform.Tests.Engagement;

/// <summary>The pure rules behind points, levels and boards: given events, then the ledger, levels and ranks they make.</summary>
public sealed class scoring_levels_and_ranks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Community = Guid.NewGuid(), Post = Guid.NewGuid(), Author = Guid.NewGuid(), Liker = Guid.NewGuid();
    private static long sequence;

    private static IEvent Event(object data) => new Event<object>(data) { Sequence = ++sequence };

    private static Reacted Like(Guid liker, DateTimeOffset at, Guid? author = null) =>
        new(Guid.NewGuid(), Post, Post, Community, author ?? Author, ReactionKind.Like, liker, at);

    private static Dictionary<Guid, PointEntry> Replay(PointRulesView? rules, params object[] events)
    {
        var ledger = new Dictionary<Guid, PointEntry>();
        foreach (var e in events)
        foreach (var change in PointScoring.For(Event(e), Community, rules)) change.ApplyTo(ledger);
        return ledger;
    }

    private static long Standing(Dictionary<Guid, PointEntry> ledger) => Standings.Of(ledger.Values).SingleOrDefault(s => s.UserId == Author)?.Points ?? 0;

    [Fact]
    public void a_like_from_someone_else_earns_its_author_a_point_and_ones_own_like_earns_nothing()
    {
        var ledger = Replay(null, Like(Liker, Now), Like(Author, Now));
        var entry = Assert.Single(ledger.Values);
        Assert.Equal((Author, Liker, 1, PointReason.LikeReceived), (entry.UserId, entry.FromUserId, entry.Points, entry.Reason));
    }

    [Fact]
    public void a_like_withdrawn_within_the_minute_leaves_no_line_and_a_later_withdrawal_leaves_a_withdrawn_one()
    {
        var quick = Like(Liker, Now);
        Assert.Empty(Replay(null, quick, new Unreacted(quick.ReactionId, Post, Post, Community, ReactionKind.Like, Liker, Now.AddSeconds(59))));

        var slow = Like(Liker, Now);
        var ledger = Replay(null, slow, new Unreacted(slow.ReactionId, Post, Post, Community, ReactionKind.Like, Liker, Now.AddMinutes(2)));
        Assert.Equal("The like was withdrawn.", Assert.Single(ledger.Values).WithdrawnReason);
        Assert.Equal(0, Standing(ledger));
    }

    [Fact]
    public void deleting_the_post_banning_the_liker_or_revoking_their_likes_takes_the_points_back()
    {
        Assert.Equal(0, Standing(Replay(null, Like(Liker, Now), new PostDeleted(Post, Community, null, Author, "", Author, Now))));
        Assert.Equal(0, Standing(Replay(null, Like(Liker, Now), new MemberBanned(Guid.NewGuid(), Community, Liker, true, "spam", Author, Now))));
        var other = Guid.NewGuid();
        Assert.Equal(1, Standing(Replay(null, Like(Liker, Now), Like(other, Now), new LikerPointsRevoked(Community, Liker, "ring", Author, Now))));
    }

    [Fact]
    public void each_like_is_scored_by_the_rules_in_force_at_its_time()
    {
        var rules = PointRulesView.With(null, new PointRulesChanged(Community, PointRules.Default with { PerLikeReceived = 3 }, Now, Author, Now));
        Assert.Equal(1 + 3, Standing(Replay(rules, Like(Liker, Now.AddDays(-1)), Like(Guid.NewGuid(), Now.AddDays(1)))));
        var everything = PointRulesView.With(rules, new PointRulesChanged(Community, PointRules.Default with { PerLikeReceived = 5 }, null, Author, Now));
        Assert.Equal(5 + 5, Standing(Replay(everything, Like(Liker, Now.AddDays(-1)), Like(Guid.NewGuid(), Now.AddDays(1)))));
    }

    [Fact]
    public void levels_follow_skools_thresholds_and_only_sensible_rules_are_accepted()
    {
        var t = PointRules.Default.LevelThresholds;
        Assert.Equal([1, 1, 2, 3, 4, 9], new long[] { 0, 4, 5, 20, 65, 40_000 }.Select(p => Levels.Of(p, t)));
        Assert.Equal((1L, (long?)null), (Levels.ToNext(4, t)!.Value, Levels.ToNext(33015, t)));
        Assert.Equal(("Rookie", "Level 2"), (Levels.NameOf(1, ["Rookie"]), Levels.NameOf(2, ["Rookie"])));
        Assert.Throws<DomainException>(() => Levels.Checked(PointRules.Default with { LevelThresholds = [0, 5, 5, 65, 155, 515, 2015, 8015, 33015] }));
        Assert.Throws<DomainException>(() => Levels.Checked(PointRules.Default with { LevelThresholds = [1, 5, 20, 65, 155, 515, 2015, 8015, 33015] }));
        Assert.Throws<DomainException>(() => Levels.Checked(PointRules.Default with { PerLikeReceived = -1 }));
    }

    [Fact]
    public void ranks_put_most_points_first_break_ties_by_who_got_there_first_and_leave_staff_out()
    {
        var (early, late, staff) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ranked = Standings.Rank([new Standing(late, 3, Now), new Standing(early, 3, Now.AddMinutes(-1)), new Standing(staff, 9, Now), new Standing(Liker, 0, Now)],
            new HashSet<Guid> { staff });
        Assert.Equal([new RankedStanding(1, early, 3), new RankedStanding(2, late, 3)], ranked);
    }

    [Fact]
    public void a_level_is_reached_once_and_opens_the_level_courses_up_to_it()
    {
        var (two, three, five) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (Guid, int)[] courses = [(two, 2), (three, 3), (five, 5)];
        var reached = MemberProgress.Reach(null, Community, Author, 3, 20, courses, Now);
        Assert.Equal([new LevelReached(Community, Author, 3, 20, Now), new CourseUnlocked(two, Community, Author, 3, Now), new CourseUnlocked(three, Community, Author, 3, Now)],
            reached);
        var progress = reached.Skip(1).Cast<CourseUnlocked>().Aggregate(MemberProgress.Create((LevelReached)reached[0]), (p, e) => p.Apply(e));
        Assert.Empty(MemberProgress.Reach(progress, Community, Author, 2, 5, courses, Now)); // points dropped: nothing is taken back
        Assert.Empty(MemberProgress.Reach(null, Community, Author, 1, 0, courses, Now));
    }
}
