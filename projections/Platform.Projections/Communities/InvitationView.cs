using Marten.Events.Aggregation;
using Platform.Contracts.Communities;

namespace Platform.Projections.Communities;

/// <summary>An invitation to a community (INVT), found by the hash of its single-use token.</summary>
public sealed class InvitationView
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public string Email { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public Guid InvitedBy { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>Inline: an invitation can be accepted the moment it was made.</summary>
public sealed partial class InvitationViewProjection : SingleStreamProjection<InvitationView, Guid>
{
    public static InvitationView Create(MemberInvited e) => new()
    {
        Id = e.InvitationId, CommunityId = e.CommunityId, Email = e.Email, TokenHash = e.TokenHash,
        ExpiresAt = e.ExpiresAt, InvitedBy = e.InvitedBy, InvitedAt = e.InvitedAt,
    };

    public static void Apply(InvitationAccepted e, InvitationView view)
    {
        view.AcceptedBy = e.UserId;
        view.AcceptedAt = e.AcceptedAt;
    }
}
