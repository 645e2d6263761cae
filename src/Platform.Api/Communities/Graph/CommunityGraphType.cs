using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Courses;

namespace Platform.Api.Communities.Graph;

public sealed class CommunityGraphType : ObjectGraphType<CommunityCard>
{
    public CommunityGraphType()
    {
        Name = "Community";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(c => c.Name);
        Field(c => c.Slug);
        Field(c => c.Description);
        Field<NonNullGraphType<EnumerationGraphType<CommunityVisibility>>>("visibility").Resolve(c => c.Source.Visibility);
        Field<NonNullGraphType<EnumerationGraphType<JoinPolicy>>>("joinPolicy").Resolve(c => c.Source.JoinPolicy);
        Field<NonNullGraphType<IntGraphType>>("feePercent").Description("The platform fee in force now (its fee policy), which a checkout started now fixes.")
            .ResolveAsync(async c => await Analytics.FeePolicies.InForce(c.Reads(), c.Source.Id, c.Source.FeePercent,
                c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), c.CancellationToken));
        Field<NonNullGraphType<EnumerationGraphType<ErasedMemberContent>>>("erasedMemberContent").Resolve(c => c.Source.ErasedMemberContent);
        Field(c => c.MemberCount);
        Field(c => c.Featured).Description("Chosen by the platform's admins; featured communities come first in discovery.");
        Field(c => c.LevelNames);
        Field<NonNullGraphType<IntGraphType>>("autoHideThreshold").Description("Distinct members' reports that hide a post or comment until a moderator decides.")
            .ResolveAsync(async c => await Moderation.ModerationReads.AutoHideThreshold(c.Reads(), c.Source.Id,
                c.RequestServices!.GetRequiredService<Moderation.ModerationOptions>(), c.CancellationToken));
        Field<IdGraphType>("parentId").Resolve(c => c.Source.ParentId);
        Field<NonNullGraphType<IdGraphType>>("creatorId").Resolve(c => c.Source.CreatorId);
        Field(c => c.CreatedAt);
        Field<CommunityGraphType>("parent").ResolveAsync(async c =>
            c.Source.ParentId is { } parentId ? await CommunitiesAccess.Visible(c, await c.Reads().LoadAsync<CommunityCard>(parentId, c.CancellationToken)) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunityGraphType>>>>("children")
            .Description("Sub-communities the caller may see.")
            .ResolveAsync(async c =>
            {
                var id = c.Source.Id;
                var children = await c.Reads().Query<CommunityCard>().Where(x => x.ParentId == id).OrderBy(x => x.Sequence).ToListAsync(c.CancellationToken);
                var visible = new List<CommunityCard>();
                foreach (var child in children)
                    if (await CommunitiesAccess.Visible(c, child) is not null) visible.Add(child);
                return visible;
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Courses.Graph.CourseGraphType>>>>("courses")
            .Description("The classroom (CLIB): published courses, plus drafts for the community's creator.")
            .ResolveAsync(async c =>
            {
                var id = c.Source.Id;
                var builds = c.Caller().Holds(Role.Creator, id);
                var courses = await c.Reads().Query<CourseOutline>().Where(x => x.CommunityId == id)
                    .OrderBy(x => x.CreatedAt).ToListAsync(c.CancellationToken);
                return courses.Where(x => builds || x.IsPublished);
            });
        Field<Commerce.Graph.PriceGraphType>("price").Description("What membership costs when the join policy is PAID; buy it with startCheckout.")
            .ResolveAsync(async c => await Commerce.CommerceReads.PriceOf(c, c.Source.Id));
        Field<Files.Graph.FileGraphType>("cover").Description("The cover image, for callers who may read the community.")
            .ResolveAsync(async c => (await Files.FileAttachments.VisibleFilesOf(c, Contracts.Files.FileOwnerKind.CommunityCover, c.Source.Id)).LastOrDefault());
        Field<MembershipGraphType>("viewerMembership").Description("The caller's own membership, if any.").ResolveAsync(async c =>
            c.Caller().UserId is { } userId ? await CommunityReads.Membership(c, DeterministicId.Membership(c.Source.Id, userId)) : null);
    }
}
