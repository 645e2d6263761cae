using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts;
using Platform.Api.Infrastructure;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

public sealed record JoinCommunity(Guid CommunityId, Guid UserId);

public static class JoinCommunityField
{
    public static void AddJoinCommunity(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("joinCommunity")
            .Description("Joins a community: ACTIVE for an open one, PENDING where the creator approves.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = c.IdArgument("communityId");
                await c.Commands().InvokeAsync(new JoinCommunity(communityId, c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, DeterministicId.Membership(communityId, c.UserId()));
            });
}

public static class JoinCommunityHandler
{
    public static async Task Handle(JoinCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        // The community and the membership stream in one round trip.
        var batch = session.CreateBatchQuery();
        var loadingCommunity = batch.Events.FetchLatest<Community>(command.CommunityId);
        var fetchingStream = batch.Events.FetchForWriting<Membership>(DeterministicId.Membership(command.CommunityId, command.UserId));
        await batch.Execute(cancellation);
        var community = await loadingCommunity ?? throw DomainException.NotFound("The community");
        var stream = await fetchingStream;
        var memberOfParent = await CommunitiesAccess.IsActiveMemberOfParent(session, community, command.UserId, cancellation);
        stream.AppendMany(Membership.Join(community, stream.Aggregate, command.UserId, memberOfParent, clock.GetUtcNow()));
    }
}
