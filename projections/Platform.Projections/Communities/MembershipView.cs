using Marten.Events.Aggregation;
using Platform.Contracts.Communities;

namespace Platform.Projections.Communities;

/// <summary>
/// One person's membership of one community (MEMB, INVT), and the write model its commands decide on.
/// <c>Left</c> also covers "unbanned": not a member now, free to join again.
/// </summary>
public sealed class MembershipView
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid UserId { get; set; }
    public MembershipStatus Status { get; set; }
    public DateTimeOffset? RequestedAt { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public string? BanReason { get; set; }
    /// <summary>When the status last changed: the directory's and the request list's sort key.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}

public sealed partial class MembershipViewProjection : SingleStreamProjection<MembershipView, Guid>
{
    public static MembershipView Create(JoinRequested e) => Apply(e, new MembershipView { Id = e.MembershipId, CommunityId = e.CommunityId, UserId = e.UserId });

    public static MembershipView Create(MemberJoined e) => Apply(e, new MembershipView { Id = e.MembershipId, CommunityId = e.CommunityId, UserId = e.UserId });

    public static MembershipView Create(MemberBanned e) => Apply(e, new MembershipView { Id = e.MembershipId, CommunityId = e.CommunityId, UserId = e.UserId });

    public static MembershipView Apply(JoinRequested e, MembershipView view)
    {
        view.Status = MembershipStatus.Pending;
        view.RequestedAt = view.ChangedAt = e.RequestedAt;
        view.DecidedBy = null;
        return view;
    }

    public static MembershipView Apply(MemberJoined e, MembershipView view)
    {
        view.Status = MembershipStatus.Active;
        view.JoinedAt = view.ChangedAt = e.JoinedAt;
        return view;
    }

    public static void Apply(JoinRequestApproved e, MembershipView view) => view.DecidedBy = e.ApprovedBy;

    public static void Apply(JoinRequestRejected e, MembershipView view)
    {
        view.Status = MembershipStatus.Rejected;
        view.DecidedBy = e.RejectedBy;
        view.ChangedAt = e.RejectedAt;
    }

    public static void Apply(MemberLeft e, MembershipView view)
    {
        view.Status = MembershipStatus.Left;
        view.ChangedAt = e.LeftAt;
    }

    public static void Apply(MembershipLapsed e, MembershipView view)
    {
        view.Status = MembershipStatus.Left;
        view.ChangedAt = e.LapsedAt;
    }

    public static MembershipView Apply(MemberBanned e, MembershipView view)
    {
        view.Status = MembershipStatus.Banned;
        view.BanReason = e.Reason;
        view.DecidedBy = e.BannedBy;
        view.ChangedAt = e.BannedAt;
        return view;
    }

    public static void Apply(MemberUnbanned e, MembershipView view)
    {
        view.Status = MembershipStatus.Left;
        view.BanReason = null;
        view.DecidedBy = e.UnbannedBy;
        view.ChangedAt = e.UnbannedAt;
    }
}
