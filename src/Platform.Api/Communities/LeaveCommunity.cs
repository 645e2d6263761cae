using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

public sealed record LeaveCommunity(Guid CommunityId, Guid UserId);

public static class LeaveCommunityField
{
    public static void AddLeaveCommunity(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("leaveCommunity")
            .Description("Leaves a community, or withdraws a pending request.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .AllowOwn(CommunitiesAccess.MembershipHolder("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new LeaveCommunity(communityId, c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, DeterministicId.Membership(communityId, c.UserId()));
            });
}

public static class LeaveCommunityHandler
{
    public static async Task Handle(LeaveCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var community = await Community.Load(session, command.CommunityId, cancellation);
        var stream = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(command.CommunityId, command.UserId), cancellation);
        stream.AppendMany(Membership.Leave(community, stream.Aggregate, clock.GetUtcNow()));
    }
}
