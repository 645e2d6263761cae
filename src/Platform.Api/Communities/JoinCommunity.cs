using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

public sealed record JoinCommunity(Guid CommunityId, Guid UserId);

public static class JoinCommunityHandler
{
    /// <summary>Pure: joining an open community makes an active member, an approval community a pending request.
    /// Joining again changes nothing and answers with the membership as it is.</summary>
    public static object[] Decide(Community community, MembershipView? current, Guid userId, DateTimeOffset now)
    {
        if (current is not null) return [];
        var membershipId = DeterministicId.Membership(community.Id, userId);
        return community.JoinPolicy switch
        {
            JoinPolicy.Open => [new MemberJoined(membershipId, community.Id, userId, now)],
            JoinPolicy.Approval => [new JoinRequested(membershipId, community.Id, userId, now)],
            _ => throw new DomainException("PAYMENT_REQUIRED", "This community is joined by buying its membership."),
        };
    }

    public static async Task<MembershipView> Handle(JoinCommunity command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var community = await session.Events.FetchLatest<Community>(command.CommunityId, cancellation)
            ?? throw DomainException.NotFound("The community");
        var stream = await session.Events.FetchForWriting<MembershipView>(DeterministicId.Membership(community.Id, command.UserId), cancellation);
        var events = Decide(community, stream.Aggregate, command.UserId, clock.GetUtcNow());
        if (events.Length == 0) return stream.Aggregate!;
        stream.AppendMany(events);
        return events[0] switch
        {
            MemberJoined joined => MembershipViewProjection.Create(joined),
            JoinRequested requested => MembershipViewProjection.Create(requested),
            _ => throw new InvalidOperationException("Unexpected event"),
        };
    }
}
