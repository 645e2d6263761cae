using Marten.Events.Aggregation;
using Platform.Contracts.Communities;

namespace Platform.Projections.Communities;

/// <summary>One person's membership of one community (MEMB, INVT).</summary>
public sealed class MembershipView
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid UserId { get; set; }
    public MembershipStatus Status { get; set; }
    public DateTimeOffset? RequestedAt { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
}

public sealed partial class MembershipViewProjection : SingleStreamProjection<MembershipView, Guid>
{
    public static MembershipView Create(JoinRequested e) => new()
    {
        Id = e.MembershipId, CommunityId = e.CommunityId, UserId = e.UserId,
        Status = MembershipStatus.Pending, RequestedAt = e.RequestedAt,
    };

    public static MembershipView Create(MemberJoined e) => new()
    {
        Id = e.MembershipId, CommunityId = e.CommunityId, UserId = e.UserId,
        Status = MembershipStatus.Active, JoinedAt = e.JoinedAt,
    };

    public static void Apply(MemberJoined e, MembershipView view)
    {
        view.Status = MembershipStatus.Active;
        view.JoinedAt = e.JoinedAt;
    }
}
