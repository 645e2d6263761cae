using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

/// <summary>
/// Pure decisions on one membership stream. Every command on a membership goes through the stream with an
/// optimistic version check, so two approvals, or a join racing a ban, end in one consistent outcome: the
/// loser is retried on the fresh state and then refused.
/// </summary>
public static class MembershipDecisions
{
    /// <summary>Joining an open community makes an active member, an approval community a pending request.
    /// Joining again changes nothing and answers with the membership as it is.</summary>
    public static object[] Join(Community community, MembershipView? current, Guid userId, bool memberOfParent, DateTimeOffset now)
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
            _ => throw new DomainException("PAYMENT_REQUIRED", "This community is joined by buying its membership."),
        };
    }

    public static object[] Approve(MembershipView? current, Guid approvedBy, DateTimeOffset now)
    {
        var request = Pending(current);
        return
        [
            new JoinRequestApproved(request.Id, request.CommunityId, request.UserId, approvedBy, now),
            new MemberJoined(request.Id, request.CommunityId, request.UserId, now),
        ];
    }

    public static object[] Reject(MembershipView? current, Guid rejectedBy, DateTimeOffset now)
    {
        var request = Pending(current);
        return [new JoinRequestRejected(request.Id, request.CommunityId, request.UserId, rejectedBy, now)];
    }

    /// <summary>Leaving ends an active membership or withdraws a pending request; the creator cannot leave.</summary>
    public static object[] Leave(Community community, MembershipView? current, DateTimeOffset now)
    {
        if (current?.Status is not (MembershipStatus.Active or MembershipStatus.Pending))
            throw DomainException.Conflict("You are not a member of this community.");
        if (current.UserId == community.CreatorId)
            throw DomainException.Conflict("The creator cannot leave their own community.");
        return [new MemberLeft(current.Id, current.CommunityId, current.UserId, current.Status == MembershipStatus.Active, now)];
    }

    /// <summary>Anyone but the creator can be banned, member or not; banning twice changes nothing.</summary>
    public static object[] Ban(Community community, MembershipView? current, Guid userId, string reason, Guid bannedBy, DateTimeOffset now)
    {
        if (userId == community.CreatorId) throw new DomainException(ErrorCodes.Forbidden, "The creator cannot be banned.");
        if (userId == bannedBy) throw DomainException.Invalid("You cannot ban yourself.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Invalid("Give a reason of at most 500 characters.");
        if (current?.Status == MembershipStatus.Banned) return [];
        return [new MemberBanned(DeterministicId.Membership(community.Id, userId), community.Id, userId,
            current?.Status == MembershipStatus.Active, reason.Trim(), bannedBy, now)];
    }

    public static object[] Unban(MembershipView? current, Guid unbannedBy, DateTimeOffset now)
    {
        if (current?.Status != MembershipStatus.Banned) throw DomainException.Conflict("That person is not banned.");
        return [new MemberUnbanned(current.Id, current.CommunityId, current.UserId, unbannedBy, now)];
    }

    /// <summary>An invitation skips the join policy but not a ban, nor the parent rule.</summary>
    public static object[] AcceptInvitation(Community community, MembershipView? current, Guid userId, bool memberOfParent, DateTimeOffset now)
    {
        if (current?.Status == MembershipStatus.Banned) throw new DomainException(ErrorCodes.Forbidden, "You are banned from this community.");
        if (community.ParentId is not null && !memberOfParent) throw new DomainException(ErrorCodes.Forbidden, "Join the parent community first.");
        if (current?.Status == MembershipStatus.Active) return [];
        return [new MemberJoined(DeterministicId.Membership(community.Id, userId), community.Id, userId, now)];
    }

    private static MembershipView Pending(MembershipView? current) => current switch
    {
        null => throw DomainException.NotFound("The join request"),
        { Status: MembershipStatus.Pending } => current,
        _ => throw DomainException.Conflict($"This request was already decided (the membership is {current.Status.ToString().ToUpperInvariant()})."),
    };
}
