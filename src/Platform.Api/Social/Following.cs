using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Communities;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>The follow stream of one (follower, target): its pure rules, decided on the inline <see cref="FollowView"/>.</summary>
public static class Following
{
    /// <summary>Following again changes nothing; nobody follows themself; a private community is followed from inside only.</summary>
    public static object[] Follow(FollowView? current, Follow command, FollowTarget target, bool maySee, DateTimeOffset now)
    {
        if (command.TargetId == command.FollowerId) throw DomainException.Invalid("You cannot follow yourself.");
        if (!maySee) throw new DomainException(ErrorCodes.Forbidden, "Join this private community to follow it.");
        return current is { Active: true } ? []
            : [new Followed(DeterministicId.Follow(command.FollowerId, command.TargetId), command.FollowerId, command.TargetId, target, now)];
    }

    /// <summary>Unfollowing takes a follow, or a membership the timeline follows (<see cref="TimelineFollows.Follows"/>): a member may
    /// keep a community out of their timeline without leaving it.</summary>
    public static object[] Unfollow(FollowView? current, MembershipView? membership, Unfollow command, DateTimeOffset now) =>
        !TimelineFollows.Follows(current, membership) ? throw DomainException.Conflict("You do not follow that.")
        : [new Unfollowed(DeterministicId.Follow(command.FollowerId, command.TargetId), command.FollowerId, command.TargetId,
            current?.Target ?? FollowTarget.Community, now)];
}
