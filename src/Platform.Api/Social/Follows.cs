using Marten;
using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Social;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>The target is a user or a community.</summary>
public sealed record Follow(Guid TargetId, Guid FollowerId);

public sealed record Unfollow(Guid TargetId, Guid FollowerId);

public static class Follows
{
    /// <summary>Following again changes nothing; nobody follows themself; a private community is followed from inside only.</summary>
    public static object[] Follow(FollowView? current, Follow command, FollowTarget target, bool maySee, DateTimeOffset now)
    {
        if (command.TargetId == command.FollowerId) throw DomainException.Invalid("You cannot follow yourself.");
        if (!maySee) throw new DomainException(ErrorCodes.Forbidden, "Join this private community to follow it.");
        return current is { Active: true } ? []
            : [new Followed(DeterministicId.Follow(command.FollowerId, command.TargetId), command.FollowerId, command.TargetId, target, now)];
    }

    public static object[] Unfollow(FollowView? current, Unfollow command, DateTimeOffset now) =>
        current is not { Active: true } ? throw DomainException.Conflict("You do not follow that.")
        : [new Unfollowed(current.Id, command.FollowerId, command.TargetId, current.Target, now)];
}

public static class FollowsHandler
{
    public static async Task Handle(Follow command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var (target, maySee) = await session.LoadAsync<UserAccount>(command.TargetId, cancellation) is not null
            ? (FollowTarget.User, true)
            : await session.Events.FetchLatest<Community>(command.TargetId, cancellation) is { } community
                ? (FollowTarget.Community, community.Visibility == CommunityVisibility.Public
                    || await CommunitiesAccess.IsInside(session, command.FollowerId, community.Id, cancellation))
                : throw DomainException.NotFound("The user or community");
        var stream = await session.Events.FetchForWriting<FollowView>(DeterministicId.Follow(command.FollowerId, command.TargetId), cancellation);
        stream.AppendMany(Follows.Follow(stream.Aggregate, command, target, maySee, clock.GetUtcNow()));
    }

    public static async Task Handle(Unfollow command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<FollowView>(DeterministicId.Follow(command.FollowerId, command.TargetId), cancellation);
        stream.AppendMany(Follows.Unfollow(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
