using JasperFx.Events;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Projections.Social;

/// <summary>
/// Who a TIMELINE follows besides its explicit follows: the communities its owner is an active member of (R4: joining a
/// community makes the member's timeline follow it), unless unfollowed since joining. It is derived from the inline
/// membership and follow views whenever it is needed, never stored: leaving, a ban or a lapsed purchase ends it at once,
/// a rebuild has nothing more to replay, and members who joined before this rule existed have it without a backfill.
/// </summary>
public static class TimelineFollows
{
    /// <summary>
    /// A <c>follow</c> holds until <c>unfollow</c>, member or not. A membership follows too, so leaving stops what joining started
    /// but not what the person asked for; an <c>unfollow</c> after joining hides the community while they stay, and joining again
    /// follows again: the later of the two choices wins.
    /// </summary>
    public static bool Follows(FollowView? follow, MembershipView? membership) =>
        follow is { Active: true }
        || (membership is { Status: MembershipStatus.Active } && !(follow is { Active: false } && follow.ChangedAt > membership.JoinedAt));

    /// <summary>The communities <paramref name="userId"/>'s timeline follows by membership (one round trip).</summary>
    public static async Task<IReadOnlyList<Guid>> JoinedCommunities(IQuerySession reads, Guid userId, CancellationToken cancellation)
    {
        var batch = reads.CreateBatchQuery();
        var memberships = batch.Query<MembershipView>().Where(m => m.UserId == userId && m.Status == MembershipStatus.Active).ToList();
        var unfollowed = batch.Query<FollowView>().Where(f => f.FollowerId == userId && !f.Active).ToList();
        await batch.Execute(cancellation);
        var unfollows = (await unfollowed).ToDictionary(f => f.TargetId);
        return [.. (await memberships).Where(m => Follows(unfollows.GetValueOrDefault(m.CommunityId), m)).Select(m => m.CommunityId)];
    }

    /// <summary>The membership events after which a timeline may follow a community, or stop.</summary>
    public static readonly Type[] MembershipChanges = [typeof(MemberJoined), typeof(MemberLeft), typeof(MembershipLapsed), typeof(MemberBanned)];

    /// <summary>
    /// For a provider whose timelines follow feeds on its side (Stream): the follow or unfollow a membership event calls for.
    /// It answers from the views as they are now rather than as they were at the event, so a late, repeated or reordered
    /// delivery, and a backfill, always leave the provider with the current answer.
    /// </summary>
    public static async Task<IReadOnlyList<FeedChange>> For(IEvent e, IQuerySession reads, CancellationToken cancellation)
    {
        var (userId, communityId) = e.Data switch
        {
            MemberJoined m => (m.UserId, m.CommunityId),
            MemberLeft m => (m.UserId, m.CommunityId),
            MembershipLapsed m => (m.UserId, m.CommunityId),
            MemberBanned m => (m.UserId, m.CommunityId),
            _ => (Guid.Empty, Guid.Empty),
        };
        if (userId == Guid.Empty) return [];
        var batch = reads.CreateBatchQuery();
        var follow = batch.Load<FollowView>(DeterministicId.Follow(userId, communityId));
        var membership = batch.Load<MembershipView>(DeterministicId.Membership(communityId, userId));
        await batch.Execute(cancellation);
        var (timeline, community) = (FeedKey.Timeline(userId), FeedKey.Community(communityId));
        return [Follows(await follow, await membership) ? new FollowFeed(timeline, community) : new UnfollowFeed(timeline, community)];
    }
}
