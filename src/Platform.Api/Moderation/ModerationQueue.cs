using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Moderation.Graph;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation;

public static class ModerationQueueQuery
{
    public static void AddModerationQueue(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<ModerationCaseGraphType, ModerationCaseView>>>("moderationQueue")
            .Description("The community's reported content and members waiting for a decision (open reports or an appeal), grouped by target, latest activity first.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowOwn(CommunitiesAccess.Staff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                return await c.Reads().Query<ModerationCaseView>().Where(v => v.CommunityId == communityId && v.NeedsDecision)
                    .NewestFirst(c, v => v.LastActivityAt, v => v.Id);
            });
}
