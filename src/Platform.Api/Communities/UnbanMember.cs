using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;

namespace Platform.Api.Communities;

public sealed record UnbanMember(Guid CommunityId, Guid UserId, Guid UnbannedBy);

public static class UnbanMemberField
{
    public static void AddUnbanMember(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("unbanMember")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .AllowOwn(CommunitiesAccess.Staff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var (communityId, userId) = (c.IdArgument("communityId"), c.IdArgument("userId"));
                await c.Commands().InvokeAsync(new UnbanMember(communityId, userId, c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, DeterministicId.Membership(communityId, userId));
            });
}

public static class UnbanMemberHandler
{
    /// <summary>The community must exist; the rule needs only the membership.</summary>
    public static async Task Handle(UnbanMember command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        await Community.Load(session, command.CommunityId, cancellation);
        var stream = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(command.CommunityId, command.UserId), cancellation);
        stream.AppendMany(Membership.Unban(stream.Aggregate, command.UnbannedBy, clock.GetUtcNow()));
    }
}
