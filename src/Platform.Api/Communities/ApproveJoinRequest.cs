using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;

namespace Platform.Api.Communities;

public sealed record ApproveJoinRequest(Guid MembershipId, Guid ApprovedBy);

public static class ApproveJoinRequestField
{
    public static void AddApproveJoinRequest(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("approveJoinRequest")
            .Argument<NonNullGraphType<IdGraphType>>("membershipId")
            .AllowOwn(CommunitiesAccess.StaffOfMembership("membershipId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var membershipId = c.IdArgument("membershipId");
                await c.Commands().InvokeAsync(new ApproveJoinRequest(membershipId, c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, membershipId);
            });
}

public static class ApproveJoinRequestHandler
{
    public static async Task Handle(ApproveJoinRequest command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Membership>(command.MembershipId, cancellation);
        stream.AppendMany(Membership.Approve(stream.Aggregate, command.ApprovedBy, clock.GetUtcNow()));
    }
}
