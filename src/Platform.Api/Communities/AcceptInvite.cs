using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Communities;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

public sealed record AcceptInvite(string Token, Guid UserId);

public static class AcceptInviteField
{
    public static void AddAcceptInvite(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("acceptInvite")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var communityId = await c.Commands().InvokeAsync<Guid>(new AcceptInvite(c.GetArgument<string>("token"), c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, DeterministicId.Membership(communityId, c.UserId()));
            });
}

public static class AcceptInviteHandler
{
    /// <summary>Returns the community joined. Two accepts of one token race on the invitation stream; one wins.</summary>
    public static async Task<Guid> Handle(AcceptInvite command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var hash = Invitation.Hash(command.Token);
        var found = await session.Query<InvitationView>().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellation)
            ?? throw DomainException.NotFound("The invitation");
        var invitation = await session.Events.FetchForWriting<InvitationView>(found.Id, cancellation);
        var now = clock.GetUtcNow();
        invitation.AppendMany(Invitation.Accept(invitation.Aggregate!, command.UserId, now));

        var community = await Community.Load(session, found.CommunityId, cancellation);
        var membership = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(community.Id, command.UserId), cancellation);
        var memberOfParent = await CommunitiesAccess.IsActiveMemberOfParent(session, community, command.UserId, cancellation);
        membership.AppendMany(Membership.AcceptInvitation(community, membership.Aggregate, command.UserId, memberOfParent, now));
        return community.Id;
    }
}
