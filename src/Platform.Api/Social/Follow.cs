using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

/// <summary>The target is a user or a community.</summary>
public sealed record Follow(Guid TargetId, Guid FollowerId);

public static class FollowField
{
    public static void AddFollow(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<FollowGraphType>>("follow")
            .Description("Follows a user or a community: their posts come into the caller's TIMELINE.")
            .Argument<NonNullGraphType<IdGraphType>>("targetId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var targetId = c.IdArgument("targetId");
                await c.Commands().InvokeAsync(new Follow(targetId, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<FollowView>(DeterministicId.Follow(c.UserId(), targetId), c.CancellationToken);
            });
}

public static class FollowHandler
{
    public static async Task Handle(Follow command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var (target, maySee) = await session.LoadAsync<Platform.Projections.Identity.UserAccount>(command.TargetId, cancellation) is not null
            ? (FollowTarget.User, true)
            : await session.Events.FetchLatest<Community>(command.TargetId, cancellation) is { } community
                ? (FollowTarget.Community, community.Visibility == Contracts.Communities.CommunityVisibility.Public
                    || await CommunitiesAccess.IsInside(session, command.FollowerId, community.Id, cancellation))
                : throw DomainException.NotFound("The user or community");
        var stream = await session.Events.FetchForWriting<FollowView>(DeterministicId.Follow(command.FollowerId, command.TargetId), cancellation);
        stream.AppendMany(Following.Follow(stream.Aggregate, command, target, maySee, clock.GetUtcNow()));
    }
}
