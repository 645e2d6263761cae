using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

public sealed record JoinCommunity(Guid CommunityId, Guid UserId);
public sealed record ApproveJoinRequest(Guid MembershipId, Guid ApprovedBy);
public sealed record RejectJoinRequest(Guid MembershipId, Guid RejectedBy);
public sealed record LeaveCommunity(Guid CommunityId, Guid UserId);
public sealed record BanMember(Guid CommunityId, Guid UserId, string Reason, Guid BannedBy);
public sealed record UnbanMember(Guid CommunityId, Guid UserId, Guid UnbannedBy);

/// <summary>
/// The membership commands: load the community and the membership stream, decide with
/// <see cref="MembershipDecisions"/>, append. Callers read the result back from the stream once committed.
/// </summary>
public static class MembershipCommandsHandler
{
    public static Task Handle(JoinCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CommunityId, command.UserId, cancellation, async (community, current) =>
            MembershipDecisions.Join(community, current, command.UserId,
                await IsActiveMemberOfParent(session, community, command.UserId, cancellation), clock.GetUtcNow()));

    public static async Task Handle(ApproveJoinRequest command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<MembershipView>(command.MembershipId, cancellation);
        stream.AppendMany(MembershipDecisions.Approve(stream.Aggregate, command.ApprovedBy, clock.GetUtcNow()));
    }

    public static async Task Handle(RejectJoinRequest command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<MembershipView>(command.MembershipId, cancellation);
        stream.AppendMany(MembershipDecisions.Reject(stream.Aggregate, command.RejectedBy, clock.GetUtcNow()));
    }

    public static Task Handle(LeaveCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CommunityId, command.UserId, cancellation,
            (community, current) => Task.FromResult(MembershipDecisions.Leave(community, current, clock.GetUtcNow())));

    public static Task Handle(BanMember command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CommunityId, command.UserId, cancellation, (community, current) =>
            Task.FromResult(MembershipDecisions.Ban(community, current, command.UserId, command.Reason, command.BannedBy, clock.GetUtcNow())));

    public static Task Handle(UnbanMember command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CommunityId, command.UserId, cancellation,
            (_, current) => Task.FromResult(MembershipDecisions.Unban(current, command.UnbannedBy, clock.GetUtcNow())));

    public static async Task<Community> LoadCommunity(IDocumentSession session, Guid communityId, CancellationToken cancellation) =>
        await session.Events.FetchLatest<Community>(communityId, cancellation) ?? throw DomainException.NotFound("The community");

    /// <summary>A sub-community's members must be active members of its parent.</summary>
    public static async Task<bool> IsActiveMemberOfParent(IDocumentSession session, Community community, Guid userId, CancellationToken cancellation) =>
        community.ParentId is not { } parentId
        || (await session.Events.FetchLatest<MembershipView>(DeterministicId.Membership(parentId, userId), cancellation))?.Status == MembershipStatus.Active;

    private static async Task Decide(IDocumentSession session, Guid communityId, Guid userId, CancellationToken cancellation,
        Func<Community, MembershipView?, Task<object[]>> decide)
    {
        var community = await LoadCommunity(session, communityId, cancellation);
        var stream = await session.Events.FetchForWriting<MembershipView>(DeterministicId.Membership(communityId, userId), cancellation);
        stream.AppendMany(await decide(community, stream.Aggregate));
    }
}
