using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Platform.Contracts.Moderation;

namespace Platform.Projections.Moderation;

public sealed class ReportView
{
    public Guid Id { get; set; }
    public Guid ReporterId { get; set; }
    public ReportReason Reason { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public bool Open { get; set; }
}

/// <summary>One entry of a case's moderation log: who did what, and why.</summary>
public sealed class ModerationLogEntry
{
    public string Action { get; set; } = "";
    public string Reason { get; set; } = "";
    public Guid? ActorId { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class AppealView
{
    public string Text { get; set; } = "";
    public DateTimeOffset AppealedAt { get; set; }
    /// <summary>Waiting for a moderator: a decision or a restore answers it.</summary>
    public bool Open { get; set; }
}

/// <summary>
/// A reported target's case (MODQ): the content as last reported, every report, whether members see the target, the decisions
/// and the appeal. Inline, so the reporter's and the moderator's next read (and every visibility check) sees the change at once.
/// </summary>
public sealed class ModerationCaseView
{
    public Guid Id { get; set; }
    public Guid TargetId { get; set; }
    public ModerationTargetKind Kind { get; set; }
    public Guid CommunityId { get; set; }
    public Guid? PostId { get; set; }
    public Guid AuthorId { get; set; }
    public string Snapshot { get; set; } = "";
    public List<ReportView> Reports { get; set; } = [];
    public List<Guid> ReportIds { get; set; } = [];
    public int OpenReports { get; set; }
    /// <summary>In the queue: open reports or an open appeal.</summary>
    public bool NeedsDecision { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public bool Hidden { get; set; }
    public bool HiddenAutomatically { get; set; }
    public bool Deleted { get; set; }
    public ModerationAction? LastAction { get; set; }
    public AppealView? Appeal { get; set; }
    public List<ModerationLogEntry> Log { get; set; } = [];
}

public sealed partial class ModerationCaseViewProjection : SingleStreamProjection<ModerationCaseView, Guid>
{
    public static ModerationCaseView Create(ContentReported e)
    {
        var view = new ModerationCaseView
        {
            Id = e.CaseId, TargetId = e.TargetId, Kind = e.Kind, CommunityId = e.CommunityId, PostId = e.PostId, AuthorId = e.AuthorId,
        };
        Apply(e, view);
        return view;
    }

    public static void Apply(ContentReported e, ModerationCaseView view)
    {
        view.Snapshot = e.Snapshot;
        view.Reports.Add(new ReportView { Id = e.ReportId, ReporterId = e.ReporterId, Reason = e.Reason, Text = e.Text, ReportedAt = e.ReportedAt, Open = true });
        view.ReportIds.Add(e.ReportId);
        Changed(view, e.ReportedAt, "REPORT", e.Text ?? e.Reason.ToString(), e.ReporterId);
    }

    public static void Apply(ContentHidden e, ModerationCaseView view)
    {
        view.Hidden = true;
        view.HiddenAutomatically = e.Automatic;
        Changed(view, e.HiddenAt, e.Automatic ? "AUTO_HIDE" : "HIDE", e.Reason, e.HiddenBy);
    }

    public static void Apply(ReportsResolved e, ModerationCaseView view)
    {
        foreach (var report in view.Reports) report.Open = false;
        view.LastAction = e.Action;
        view.Deleted |= e.Action == ModerationAction.Delete;
        if (view.Appeal is { } appeal) appeal.Open = false;
        Changed(view, e.ResolvedAt, e.Action.ToString().ToUpperInvariant(), e.Reason, e.ResolvedBy);
    }

    public static void Apply(ContentRestored e, ModerationCaseView view)
    {
        view.Hidden = false;
        view.HiddenAutomatically = false;
        if (view.Appeal is { } appeal) appeal.Open = false;
        Changed(view, e.RestoredAt, "RESTORE", e.Reason, e.RestoredBy);
    }

    public static void Apply(ModerationAppealed e, ModerationCaseView view)
    {
        view.Appeal = new AppealView { Text = e.Text, AppealedAt = e.AppealedAt, Open = true };
        Changed(view, e.AppealedAt, "APPEAL", e.Text, e.AuthorId);
    }

    private static void Changed(ModerationCaseView view, DateTimeOffset at, string action, string reason, Guid? actor)
    {
        view.Log.Add(new ModerationLogEntry { Action = action, Reason = reason, ActorId = actor, At = at });
        view.OpenReports = view.Reports.Count(r => r.Open);
        view.NeedsDecision = view.OpenReports > 0 || view.Appeal is { Open: true };
        view.LastActivityAt = at;
    }
}

public static class ModerationProjections
{
    public static StoreOptions AddModerationProjections(this StoreOptions options)
    {
        options.Projections.Add<ModerationCaseViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ModerationSettingsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ModerationCaseView>().Index(c => c.TargetId).Index(c => c.CommunityId).Index(c => c.LastActivityAt).GinIndexJsonData();
        return options;
    }
}
