using System.Reactive.Linq;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Live;
using Platform.Api.Moderation.Graph;
using Platform.Contracts.Moderation;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation;

/// <summary>A report was made: its ids only on the wire (the snapshot can exceed a NOTIFY payload); subscribers load the case.</summary>
public sealed record ReportAdded(Guid CaseId, Guid ReportId, Guid CommunityId)
{
    public static ReportAdded From(ContentReported e) => new(e.CaseId, e.ReportId, e.CommunityId);
}

public static class ReportAddedSubscription
{
    public static void AddReportAdded(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<ModerationCaseGraphType>>("reportAdded")
            .Description("The reported target's case each time a member reports something in the community: for its creator and moderators.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(CommunitiesAccess.Staff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveStream(c =>
            {
                var communityId = c.IdArgument("communityId");
                var store = c.RequestServices!.GetRequiredService<IDocumentStore>();
                return c.RequestServices!.GetRequiredService<LiveEvents>().Of<ReportAdded>()
                    .Where(r => r.CommunityId == communityId)
                    .SelectMany(async r =>
                    {
                        // The case is inline: committed with the report, before the notification went out.
                        await using var reads = store.QuerySession();
                        return await reads.LoadAsync<ModerationCaseView>(r.CaseId);
                    })
                    .Where(v => v is not null)
                    .Select(v => (object?)v);
            });
}
