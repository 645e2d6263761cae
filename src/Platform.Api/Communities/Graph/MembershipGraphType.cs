using GraphQL;
using GraphQL.Types;
using Platform.Api.Identity.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;

namespace Platform.Api.Communities.Graph;

public sealed class MembershipGraphType : ObjectGraphType<MembershipView>
{
    public MembershipGraphType()
    {
        Name = "Membership";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<NonNullGraphType<IdGraphType>>("userId").Resolve(c => c.Source.UserId);
        Field<NonNullGraphType<EnumerationGraphType<MembershipStatus>>>("status").Resolve(c => c.Source.Status);
        Field(c => c.RequestedAt, nullable: true);
        Field(c => c.JoinedAt, nullable: true);
        // A join's or a leave's answer counts its own change: the card is async, so it waits for the caller's commits first.
        Field<CommunityGraphType>("community").ResolveAsync(async c =>
        {
            await c.SeeOwnWrites(nameof(CommunityCard));
            return await CommunitiesAccess.Visible(c, await c.Reads().LoadAsync<CommunityCard>(c.Source.CommunityId, c.CancellationToken));
        });
        Field<UserGraphType>("user").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.UserId, c.CancellationToken));
        Engagement.Graph.MemberLevelGraphType.AddTo(this, "level", m => (m.CommunityId, m.UserId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<Role>>>>>("badges")
            .Description("The member's roles in this community (CREATOR, MODERATOR), for the directory.")
            .ResolveAsync(async c =>
            {
                var user = await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.UserId, c.CancellationToken);
                return user?.Grants.Where(g => g.CommunityId == c.Source.CommunityId).Select(g => g.Role).Distinct() ?? [];
            });
    }
}
