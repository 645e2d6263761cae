using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;

namespace Platform.Api.Communities;

public sealed record RejectJoinRequest(Guid MembershipId, Guid RejectedBy);

public static class RejectJoinRequestField
{
    public static void AddRejectJoinRequest(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("rejectJoinRequest")
            .Argument<NonNullGraphType<IdGraphType>>("membershipId")
            .AllowOwn(CommunitiesAccess.StaffOfMembership("membershipId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var membershipId = c.IdArgument("membershipId");
                await c.Commands().InvokeAsync(new RejectJoinRequest(membershipId, c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, membershipId);
            });
}

public static class RejectJoinRequestHandler
{
    public static async Task Handle(RejectJoinRequest command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Membership>(command.MembershipId, cancellation);
        stream.AppendMany(Membership.Reject(stream.Aggregate, command.RejectedBy, clock.GetUtcNow()));
    }
}
