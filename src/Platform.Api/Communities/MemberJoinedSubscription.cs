using System.Reactive.Linq;
using GraphQL;
using GraphQL.Types;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Live;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

public static class MemberJoinedSubscription
{
    public static void AddMemberJoined(this ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<MembershipGraphType>>("memberJoined")
            .Description("A membership each time someone becomes an active member of the community.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveStream(c =>
            {
                var communityId = c.IdArgument("communityId");
                var subscriber = c.UserId();
                var live = c.RequestServices!.GetRequiredService<LiveEvents>();
                // The subscription was authorized when it opened; it ends when the subscriber leaves, lapses or is banned.
                var membershipEnded = live.Of<MemberLeft>().Where(e => e.CommunityId == communityId && e.UserId == subscriber).Select(_ => true)
                    .Merge(live.Of<MembershipLapsed>().Where(e => e.CommunityId == communityId && e.UserId == subscriber).Select(_ => true))
                    .Merge(live.Of<MemberBanned>().Where(e => e.CommunityId == communityId && e.UserId == subscriber).Select(_ => true));
                return live.Of<MemberJoined>()
                    .Where(e => e.CommunityId == communityId)
                    .Select(e => MembershipViewProjection.Create(e))
                    .TakeUntil(membershipEnded);
            });
}
