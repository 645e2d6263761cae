using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;
using Platform.Contracts.Moderation;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation.Graph;

/// <summary>A reported target with its reports: what the queue lists, and what a decision or an appeal answers with.</summary>
public sealed class ModerationCaseGraphType : ObjectGraphType<ModerationCaseView>
{
    public ModerationCaseGraphType()
    {
        Name = "ModerationCase";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The case id an appeal names.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(c => c.Source.TargetId);
        Field<NonNullGraphType<EnumerationGraphType<ModerationTargetKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<IdGraphType>("postId").Description("The post, or the post a reported comment is on.").Resolve(c => c.Source.PostId);
        Field<UserGraphType>("author").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.AuthorId, c.CancellationToken));
        Field(v => v.Snapshot).Description("The content as it was when last reported (it may have been edited since).");
        Field(v => v.OpenReports).Description("Reports waiting for a decision.");
        Field<ListGraphType<NonNullGraphType<ReportGraphType>>>("reports")
            .Description("Every report, newest first, with its reporter: for the community's staff only (null for the author).")
            .Resolve(c => ModerationReads.SeesHidden(c.Caller().Account, c.Source.CommunityId)
                ? c.Source.Reports.OrderByDescending(r => r.ReportedAt)
                : null);
        Field(v => v.Hidden).Description("Members do not see the content; staff do.");
        Field(v => v.HiddenAutomatically).Description("Hidden because enough members reported it, until a moderator decides.");
        Field(v => v.Deleted);
        Field<EnumerationGraphType<ModerationAction>>("lastAction").Resolve(c => c.Source.LastAction);
        Field<AppealGraphType>("appeal").Resolve(c => c.Source.Appeal);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModerationLogEntryGraphType>>>>("log")
            .Description("Every report, hiding, decision, restore and appeal on this target, oldest first, with actor and reason.")
            .Resolve(c => ModerationReads.SeesHidden(c.Caller().Account, c.Source.CommunityId)
                ? c.Source.Log
                : c.Source.Log.Where(e => e.Action != "REPORT"));
        Field(v => v.LastActivityAt);
    }
}
