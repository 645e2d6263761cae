using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;

namespace Platform.Api.Communities;

public sealed record BanMember(Guid CommunityId, Guid UserId, string Reason, Guid BannedBy);

public static class BanMemberField
{
    public static void AddBanMember(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<MembershipGraphType>>("banMember")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<IdGraphType>>("userId")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowOwn(CommunitiesAccess.Staff("communityId"), Audience.Creator, Audience.Moderator)
            .ResolveAsync(async c =>
            {
                var (communityId, userId) = (c.IdArgument("communityId"), c.IdArgument("userId"));
                await c.Commands().InvokeAsync(new BanMember(communityId, userId, c.GetArgument<string>("reason"), c.UserId()), c.CancellationToken);
                return await CommunityReads.Membership(c, DeterministicId.Membership(communityId, userId));
            });
}

public static class BanMemberHandler
{
    public static async Task Handle(BanMember command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var community = await Community.Load(session, command.CommunityId, cancellation);
        var stream = await session.Events.FetchForWriting<Membership>(DeterministicId.Membership(command.CommunityId, command.UserId), cancellation);
        stream.AppendMany(Membership.Ban(community, stream.Aggregate, command.UserId, command.Reason, command.BannedBy, clock.GetUtcNow()));
    }
}
