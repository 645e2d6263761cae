using GraphQL;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;

namespace Platform.Api.Moderation;

/// <summary>
/// Who may see or do what in moderation, on the platform's one definition of inside and of staff (<see cref="CommunitiesAccess"/>):
/// members report in communities they are inside; a community's creator and moderators see and decide its queue (never another's);
/// authors appeal their own cases. Anyone else is told the object does not exist.
/// </summary>
public static class ModerationAccess
{
    /// <summary>"Own" for <c>reportContent</c>: inside the community of the reported post, comment or membership.</summary>
    public static readonly Ownership Reporter = new("an active member, creator or moderator of the community of the target in 'targetId'",
        async (context, caller) =>
            IdIn(context, "targetId") is { } id
            && await ModerationReads.TargetOf(context.Reads(), id, context.CancellationToken) is { } target
            && await CommunitiesAccess.IsInside(context.Reads(), caller.Account, target.CommunityId, context.CancellationToken),
        HideOthers: true);

    /// <summary>"Own" for <c>resolveReport</c>: the creator or a moderator of the reported target's community.</summary>
    public static readonly Ownership StaffOfReport = new("the creator or a moderator of the community of the report in 'reportId'",
        async (context, caller) =>
            IdIn(context, "reportId") is { } id
            && await ModerationReads.CaseOfReport(context.Reads(), id, context.CancellationToken) is { } found
            && CommunitiesAccess.IsStaff(caller.Account, found.CommunityId),
        HideOthers: true);

    /// <summary>"Own" for <c>restoreContent</c>: the creator or a moderator of the target's community.</summary>
    public static readonly Ownership StaffOfTarget = new("the creator or a moderator of the community of the target in 'targetId'",
        async (context, caller) =>
            IdIn(context, "targetId") is { } id
            && await ModerationReads.CaseOfTarget(context.Reads(), id, context.CancellationToken) is { } found
            && CommunitiesAccess.IsStaff(caller.Account, found.CommunityId),
        HideOthers: true);

    /// <summary>"Own" for <c>appealModeration</c>: the author of the case's content (or the banned member).</summary>
    public static readonly Ownership CaseAuthor = new("the author of the content (or the member) of the case in 'caseId'",
        async (context, caller) =>
            IdIn(context, "caseId") is { } id
            && await context.Reads().LoadAsync<Projections.Moderation.ModerationCaseView>(id, context.CancellationToken) is { } found
            && found.AuthorId == caller.UserId,
        HideOthers: true);

    private static Guid? IdIn(IResolveFieldContext context, string argument) =>
        Guid.TryParse(context.GetArgument<string?>(argument), out var id) ? id : null;
}
