using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;

namespace Platform.Api.Communities;

/// <summary>
/// The membership stream of one (community, user): its write model and its pure rules. Every command on a membership
/// goes through the stream with an optimistic version check, so two approvals, or a join racing a ban, end in one
/// consistent outcome: the loser is retried on the fresh state and then refused. <c>Left</c> also covers "unbanned".
/// </summary>
public sealed record Membership(Guid Id, Guid CommunityId, Guid UserId, MembershipStatus Status)
{
    public static Membership Create(JoinRequested e) => new(e.MembershipId, e.CommunityId, e.UserId, MembershipStatus.Pending);
    public static Membership Create(MemberJoined e) => new(e.MembershipId, e.CommunityId, e.UserId, MembershipStatus.Active);
    public static Membership Create(MemberBanned e) => new(e.MembershipId, e.CommunityId, e.UserId, MembershipStatus.Banned);

    public Membership Apply(JoinRequested e) => this with { Status = MembershipStatus.Pending };
    public Membership Apply(MemberJoined e) => this with { Status = MembershipStatus.Active };
    public Membership Apply(JoinRequestRejected e) => this with { Status = MembershipStatus.Rejected };
    public Membership Apply(MemberLeft e) => this with { Status = MembershipStatus.Left };
    public Membership Apply(MembershipLapsed e) => this with { Status = MembershipStatus.Left };
    public Membership Apply(MemberBanned e) => this with { Status = MembershipStatus.Banned };
    public Membership Apply(MemberUnbanned e) => this with { Status = MembershipStatus.Left };

    /// <summary>Joining an open community makes an active member, an approval community a pending request.
    /// Joining again changes nothing and answers with the membership as it is.</summary>
    public static object[] Join(Community community, Membership? current, Guid userId, bool memberOfParent, DateTimeOffset now)
    {
        switch (current?.Status)
        {
            case MembershipStatus.Active or MembershipStatus.Pending:
                return [];
            case MembershipStatus.Banned:
                throw new DomainException(ErrorCodes.Forbidden, "You are banned from this community.");
        }
        if (community.ParentId is not null && !memberOfParent)
            throw new DomainException(ErrorCodes.Forbidden, "Join the parent community first.");
        var membershipId = DeterministicId.Membership(community.Id, userId);
        return community.JoinPolicy switch
        {
            JoinPolicy.Open => [new MemberJoined(membershipId, community.Id, userId, now)],
            JoinPolicy.Approval => [new JoinRequested(membershipId, community.Id, userId, now)],
            _ => throw new DomainException(ErrorCodes.PaymentRequired, "This community is joined by buying its membership."),
        };
    }

    public static object[] Approve(Membership? current, Guid approvedBy, DateTimeOffset now)
    {
        var request = Pending(current);
        return
        [
            new JoinRequestApproved(request.Id, request.CommunityId, request.UserId, approvedBy, now),
            new MemberJoined(request.Id, request.CommunityId, request.UserId, now),
        ];
    }

    public static object[] Reject(Membership? current, Guid rejectedBy, DateTimeOffset now)
    {
        var request = Pending(current);
        return [new JoinRequestRejected(request.Id, request.CommunityId, request.UserId, rejectedBy, now)];
    }

    /// <summary>Leaving ends an active membership or withdraws a pending request; the creator cannot leave.</summary>
    public static object[] Leave(Community community, Membership? current, DateTimeOffset now)
    {
        if (current?.Status is not (MembershipStatus.Active or MembershipStatus.Pending))
            throw DomainException.Conflict("You are not a member of this community.");
        if (current.UserId == community.CreatorId)
            throw DomainException.Conflict("The creator cannot leave their own community.");
        return [new MemberLeft(current.Id, current.CommunityId, current.UserId, current.Status == MembershipStatus.Active, now)];
    }

    /// <summary>Anyone but the creator can be banned, member or not; banning twice changes nothing.</summary>
    public static object[] Ban(Community community, Membership? current, Guid userId, string reason, Guid bannedBy, DateTimeOffset now)
    {
        if (userId == community.CreatorId) throw new DomainException(ErrorCodes.Forbidden, "The creator cannot be banned.");
        if (userId == bannedBy) throw DomainException.Invalid("You cannot ban yourself.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Invalid("Give a reason of at most 500 characters.");
        if (current?.Status == MembershipStatus.Banned) return [];
        return [new MemberBanned(DeterministicId.Membership(community.Id, userId), community.Id, userId,
            current?.Status == MembershipStatus.Active, reason.Trim(), bannedBy, now)];
    }

    public static object[] Unban(Membership? current, Guid unbannedBy, DateTimeOffset now)
    {
        if (current?.Status != MembershipStatus.Banned) throw DomainException.Conflict("That person is not banned.");
        return [new MemberUnbanned(current.Id, current.CommunityId, current.UserId, unbannedBy, now)];
    }

    /// <summary>An invitation skips the join policy but not a ban, nor the parent rule.</summary>
    public static object[] AcceptInvitation(Community community, Membership? current, Guid userId, bool memberOfParent, DateTimeOffset now)
    {
        if (current?.Status == MembershipStatus.Banned) throw new DomainException(ErrorCodes.Forbidden, "You are banned from this community.");
        if (community.ParentId is not null && !memberOfParent) throw new DomainException(ErrorCodes.Forbidden, "Join the parent community first.");
        if (current?.Status == MembershipStatus.Active) return [];
        return [new MemberJoined(DeterministicId.Membership(community.Id, userId), community.Id, userId, now)];
    }

    /// <summary>A purchase grants an active membership through the same event as a free join; a banned buyer gets none
    /// (the money stays recorded and staff refund by hand).</summary>
    public static object[] GrantPaid(Guid communityId, Guid userId, Membership? current, DateTimeOffset at) =>
        current?.Status is MembershipStatus.Active or MembershipStatus.Banned
            ? []
            : [new MemberJoined(DeterministicId.Membership(communityId, userId), communityId, userId, at)];

    /// <summary>A refunded or lost purchase ends an active membership; anything else stays as it is.</summary>
    public static object[] Lapse(Membership? current, string reason, DateTimeOffset at) =>
        current is { Status: MembershipStatus.Active } active ? [new MembershipLapsed(active.Id, active.CommunityId, active.UserId, reason, at)] : [];

    private static Membership Pending(Membership? current) => current switch
    {
        null => throw DomainException.NotFound("The join request"),
        { Status: MembershipStatus.Pending } => current,
        _ => throw DomainException.Conflict($"This request was already decided (the membership is {current.Status.ToString().ToUpperInvariant()})."),
    };
}
