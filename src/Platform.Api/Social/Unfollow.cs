using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Communities;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

public sealed record Unfollow(Guid TargetId, Guid FollowerId);

public static class UnfollowField
{
    public static void AddUnfollow(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<FollowGraphType>>("unfollow")
            .Description("Stops following a user or a community: their posts leave the caller's TIMELINE (a joined community too, while the caller stays a member).")
            .Argument<NonNullGraphType<IdGraphType>>("targetId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var targetId = c.IdArgument("targetId");
                await c.Commands().InvokeAsync(new Unfollow(targetId, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<FollowView>(DeterministicId.Follow(c.UserId(), targetId), c.CancellationToken);
            });
}

public static class UnfollowHandler
{
    public static async Task Handle(Unfollow command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<FollowView>(DeterministicId.Follow(command.FollowerId, command.TargetId), cancellation);
        var membership = await session.LoadAsync<MembershipView>(DeterministicId.Membership(command.TargetId, command.FollowerId), cancellation);
        stream.AppendMany(Following.Unfollow(stream.Aggregate, membership, command, clock.GetUtcNow()));
    }
}
