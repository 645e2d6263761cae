using Platform.Api.Infrastructure;
using Platform.Api.Moderation;
using Platform.Contracts.Moderation;

namespace Platform.Tests.Moderation;

/// <summary>The case stream's rules alone: given the case folded from its events, when a report, decision or appeal, then events.</summary>
public sealed class moderation_case_rules
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Moderator = Guid.NewGuid();
    private static readonly ModerationTarget Post = new(Guid.NewGuid(), ModerationTargetKind.Post, Guid.NewGuid(), null, Author, "Title\n\nBody");

    private static ModerationCase? Fold(ModerationCase? current, IEnumerable<object> events)
    {
        foreach (var e in events)
            current = e switch
            {
                ContentReported r => current is null ? ModerationCase.Create(r) : current.Apply(r),
                ContentHidden h => current!.Apply(h),
                ReportsResolved r => current!.Apply(r),
                ContentRestored r => current!.Apply(r),
                ModerationAppealed a => current!.Apply(a),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return current;
    }

    private static object[] Report(ModerationCase? current, ModerationTarget target, Guid reporter) =>
        ModerationCases.Report(current, target, Guid.NewGuid(), reporter, ReportReason.Spam, null, 3, Now);

    [Fact]
    public void a_reporter_has_one_open_report_per_target()
    {
        var reporter = Guid.NewGuid();
        var reported = Fold(null, Report(null, Post, reporter));

        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Report(reported, Post, reporter)).Code);
        var resolved = Fold(reported, ModerationCases.Resolve(reported, ModerationAction.Dismiss, null, Moderator, Now));
        Assert.IsType<ContentReported>(Assert.Single(Report(resolved, Post, reporter))); // reporting again once the first is decided
    }

    [Fact]
    public void the_third_distinct_reporter_hides_a_post_but_never_a_member()
    {
        var current = Fold(null, Report(null, Post, Guid.NewGuid()));
        current = Fold(current, Report(current, Post, Guid.NewGuid()));
        Assert.False(current!.Hidden);
        var third = Report(current, Post, Guid.NewGuid());
        Assert.True(Assert.IsType<ContentHidden>(third[1]).Automatic);

        var member = Post with { Id = Guid.NewGuid(), Kind = ModerationTargetKind.Member };
        var reports = Fold(null, Report(null, member, Guid.NewGuid()));
        reports = Fold(reports, Report(reports, member, Guid.NewGuid()));
        Assert.IsType<ContentReported>(Assert.Single(Report(reports, member, Guid.NewGuid())));
    }

    [Fact]
    public void dismissing_shows_hidden_content_again_and_a_decision_needs_a_reason_otherwise()
    {
        var current = Fold(null, ModerationCases.Report(null, Post, Guid.NewGuid(), Guid.NewGuid(), ReportReason.Spam, null, 1, Now));
        Assert.True(current!.Hidden);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => ModerationCases.Resolve(current, ModerationAction.Hide, " ", Moderator, Now)).Code);

        var dismissed = ModerationCases.Resolve(current, ModerationAction.Dismiss, null, Moderator, Now);
        Assert.Equal("No rule broken", Assert.IsType<ReportsResolved>(dismissed[0]).Reason);
        Assert.IsType<ContentRestored>(dismissed[1]);
    }

    [Fact]
    public void the_author_appeals_once_and_only_after_a_decision_against_them()
    {
        var reported = Fold(null, Report(null, Post, Guid.NewGuid()));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => ModerationCases.Appeal(reported, Author, "Why?", Now)).Code);
        var hidden = Fold(reported, ModerationCases.Resolve(reported, ModerationAction.Hide, "Rude", Moderator, Now));
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => ModerationCases.Appeal(hidden, Guid.NewGuid(), "Why?", Now)).Code);

        var appealed = Fold(hidden, [ModerationCases.Appeal(hidden, Author, "Please look again", Now)]);
        Assert.True(appealed!.AppealOpen);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => ModerationCases.Appeal(appealed, Author, "Again", Now)).Code);
        Assert.False(Fold(appealed, ModerationCases.Restore(appealed, "Granted", Moderator, Now))!.Hidden);
    }
}
