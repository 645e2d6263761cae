using Marten.Events.Aggregation;
using Platform.Contracts.Social;

namespace Platform.Projections.Social;

/// <summary>One person following a user or a community (PROF, COMM); <c>Active</c> is false once unfollowed.</summary>
public sealed class FollowView
{
    public Guid Id { get; set; }
    public Guid FollowerId { get; set; }
    public Guid TargetId { get; set; }
    public FollowTarget Target { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>Inline: the follow command decides on it, and the answer to <c>follow</c> shows it.</summary>
public sealed partial class FollowViewProjection : SingleStreamProjection<FollowView, Guid>
{
    public static FollowView Create(Followed e) => new()
    {
        Id = e.FollowId, FollowerId = e.FollowerId, TargetId = e.TargetId, Target = e.Target, Active = true, ChangedAt = e.FollowedAt,
    };

    /// <summary>Unfollowing a community followed only by joining it opens the stream (<see cref="TimelineFollows"/>).</summary>
    public static FollowView Create(Unfollowed e) => new()
    {
        Id = e.FollowId, FollowerId = e.FollowerId, TargetId = e.TargetId, Target = e.Target, Active = false, ChangedAt = e.UnfollowedAt,
    };

    public static void Apply(Followed e, FollowView follow) => (follow.Active, follow.ChangedAt) = (true, e.FollowedAt);

    public static void Apply(Unfollowed e, FollowView follow) => (follow.Active, follow.ChangedAt) = (false, e.UnfollowedAt);
}
