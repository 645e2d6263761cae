using System.Collections.Immutable;
using Platform.Api.Infrastructure;
using Platform.Contracts.Moderation;

namespace Platform.Api.Moderation;

/// <summary>What a report names, as it is when reported: its kind, community, author and the text a moderator will see.</summary>
public sealed record ModerationTarget(Guid Id, ModerationTargetKind Kind, Guid CommunityId, Guid? PostId, Guid AuthorId, string Snapshot);

/// <summary>The write model of one case stream: the open reports (by reporter), whether the target is hidden, and the appeal.</summary>
public sealed record ModerationCase(
    Guid Id, Guid TargetId, ModerationTargetKind Kind, Guid CommunityId, Guid? PostId, Guid AuthorId,
    ImmutableDictionary<Guid, Guid> OpenReportsByReporter, bool Hidden, bool Deleted, ModerationAction? LastAction, bool Appealed, bool AppealOpen)
{
    public static ModerationCase Create(ContentReported e) =>
        new ModerationCase(e.CaseId, e.TargetId, e.Kind, e.CommunityId, e.PostId, e.AuthorId, ImmutableDictionary<Guid, Guid>.Empty, false, false, null,
            false, false).Apply(e);

    public ModerationCase Apply(ContentReported e) => this with { OpenReportsByReporter = OpenReportsByReporter.SetItem(e.ReporterId, e.ReportId) };
    public ModerationCase Apply(ContentHidden e) => this with { Hidden = true };
    public ModerationCase Apply(ContentRestored e) => this with { Hidden = false, AppealOpen = false };
    public ModerationCase Apply(ModerationAppealed e) => this with { Appealed = true, AppealOpen = true };

    public ModerationCase Apply(ReportsResolved e) => this with
    {
        OpenReportsByReporter = ImmutableDictionary<Guid, Guid>.Empty, LastAction = e.Action,
        Deleted = Deleted || e.Action == ModerationAction.Delete, AppealOpen = false,
    };
}

/// <summary>The case stream's pure rules (MODQ), <c>now</c> passed in.</summary>
public static class ModerationCases
{
    public const int MaxReportText = 1000;
    public const int MaxReason = 500;
    public const int MaxAppealText = 2000;
    public const int DefaultAutoHideThreshold = 3;

    /// <summary>
    /// One open report per reporter and target; nobody reports themselves. When <paramref name="autoHideThreshold"/> distinct
    /// members have open reports on a post, comment or channel message, it is hidden until a moderator decides.
    /// </summary>
    public static object[] Report(ModerationCase? current, ModerationTarget target, Guid reportId, Guid reporterId, ReportReason reason, string? text,
        int autoHideThreshold, DateTimeOffset now)
    {
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (text is { Length: > MaxReportText }) throw DomainException.Invalid($"A report's text is at most {MaxReportText} characters.");
        if (reason == ReportReason.Other && text is null) throw DomainException.Invalid("Say what is wrong when the reason is OTHER.");
        if (target.AuthorId == reporterId) throw DomainException.Invalid("You cannot report yourself or your own content.");
        if (current?.OpenReportsByReporter.ContainsKey(reporterId) == true)
            throw new DomainException(ErrorCodes.Conflict, "You have already reported this; a moderator will look at it.");
        var caseId = Contracts.DeterministicId.ModerationCase(target.Id);
        var reported = new ContentReported(caseId, reportId, target.Id, target.Kind, target.CommunityId, target.PostId, target.AuthorId, reason, text,
            target.Snapshot, reporterId, now);
        var reporters = (current?.OpenReportsByReporter.Count ?? 0) + 1;
        return target.Kind != ModerationTargetKind.Member && current is not { Hidden: true } && reporters >= autoHideThreshold
            ? [reported, new ContentHidden(caseId, target.Id, target.Kind, target.CommunityId, target.PostId, true,
                $"Reported by {reporters} members", null, now)]
            : [reported];
    }

    /// <summary>
    /// A decision on every open report (or an open appeal) of the target. DISMISS shows automatically hidden content again;
    /// HIDE and DELETE apply to posts, comments and channel messages; BAN also hides the reported content.
    /// </summary>
    public static object[] Resolve(ModerationCase? current, ModerationAction action, string? reason, Guid resolvedBy, DateTimeOffset now)
    {
        if (current is null) throw DomainException.NotFound("The report");
        if (current.OpenReportsByReporter.IsEmpty && !current.AppealOpen)
            throw new DomainException(ErrorCodes.Conflict, "This report has already been resolved.");
        if (current.Deleted) throw new DomainException(ErrorCodes.Conflict, "The content has been deleted.");
        var why = Reason(reason, action == ModerationAction.Dismiss ? "No rule broken" : null);
        var content = current.Kind != ModerationTargetKind.Member;
        if (action is ModerationAction.Hide or ModerationAction.Delete && !content)
            throw DomainException.Invalid($"{action.ToString().ToUpperInvariant()} applies to posts, comments and messages; warn or ban a member.");
        var events = new List<object>
        {
            new ReportsResolved(current.Id, current.TargetId, current.Kind, current.CommunityId, current.AuthorId, action, why,
                [.. current.OpenReportsByReporter.Values], [.. current.OpenReportsByReporter.Keys], resolvedBy, now),
        };
        if (action is ModerationAction.Hide or ModerationAction.Delete or ModerationAction.Ban && content && !current.Hidden)
            events.Add(new ContentHidden(current.Id, current.TargetId, current.Kind, current.CommunityId, current.PostId, false, why, resolvedBy, now));
        if (action == ModerationAction.Dismiss && current.Hidden)
            events.Add(new ContentRestored(current.Id, current.TargetId, current.Kind, current.CommunityId, current.PostId, why, resolvedBy, now));
        return [.. events];
    }

    /// <summary>Hidden content shown again (an appeal granted, or a moderator's second look); open reports are dismissed with it.</summary>
    public static object[] Restore(ModerationCase? current, string? reason, Guid restoredBy, DateTimeOffset now)
    {
        if (current is null || !current.Hidden) throw new DomainException(ErrorCodes.Conflict, "Only hidden content can be restored.");
        if (current.Deleted) throw new DomainException(ErrorCodes.Conflict, "Deleted content cannot be restored.");
        var why = Reason(reason, "Restored by a moderator");
        object restored = new ContentRestored(current.Id, current.TargetId, current.Kind, current.CommunityId, current.PostId, why, restoredBy, now);
        return current.OpenReportsByReporter.IsEmpty
            ? [restored]
            : [new ReportsResolved(current.Id, current.TargetId, current.Kind, current.CommunityId, current.AuthorId, ModerationAction.Dismiss, why,
                [.. current.OpenReportsByReporter.Values], [.. current.OpenReportsByReporter.Keys], restoredBy, now), restored];
    }

    /// <summary>Once per case, by its author, after the content was hidden or deleted or the author banned.</summary>
    public static ModerationAppealed Appeal(ModerationCase? current, Guid authorId, string text, DateTimeOffset now)
    {
        if (current is null || current.AuthorId != authorId) throw DomainException.NotFound("The case");
        if (!(current.Hidden || current.LastAction is ModerationAction.Delete or ModerationAction.Ban))
            throw new DomainException(ErrorCodes.Conflict, "Nothing of yours was hidden, deleted or banned in this case.");
        if (current.Appealed) throw new DomainException(ErrorCodes.Conflict, "You have already appealed this decision.");
        text = text.Trim();
        if (text.Length is 0 or > MaxAppealText) throw DomainException.Invalid($"An appeal is 1 to {MaxAppealText} characters.");
        return new ModerationAppealed(current.Id, current.TargetId, current.CommunityId, authorId, text, now);
    }

    private static string Reason(string? reason, string? fallback)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length > MaxReason) throw DomainException.Invalid($"A reason is at most {MaxReason} characters.");
        return why.Length > 0 ? why : fallback ?? throw DomainException.Invalid("Give a reason: the author is told why.");
    }
}
