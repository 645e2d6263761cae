using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;

namespace Platform.Tests.Communities;

/// <summary>The membership stream's rules alone: given its events, when a command, then events.</summary>
public sealed class membership_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Creator = Guid.NewGuid();
    private static readonly Guid Joiner = Guid.NewGuid();

    private static Community CommunityWith(JoinPolicy policy, Guid? parentId = null) =>
        new(Guid.NewGuid(), "C", "c", "", CommunityVisibility.Public, policy, Creator, parentId, 15, [], Now);

    /// <summary>The write model after its events, as Marten folds them.</summary>
    private static Membership Given(params object[] events) => events.Skip(1).Aggregate(events[0] switch
    {
        JoinRequested e => Membership.Create(e),
        MemberJoined e => Membership.Create(e),
        MemberBanned e => Membership.Create(e),
        var e => throw new ArgumentException(e.GetType().Name),
    }, (membership, next) => next switch
    {
        JoinRequested e => membership.Apply(e),
        MemberJoined e => membership.Apply(e),
        MemberBanned e => membership.Apply(e),
        MemberLeft e => membership.Apply(e),
        MemberUnbanned e => membership.Apply(e),
        MembershipLapsed e => membership.Apply(e),
        var e => throw new ArgumentException(e.GetType().Name),
    });

    private static Membership Active(Community community, Guid userId) =>
        Given(new MemberJoined(DeterministicId.Membership(community.Id, userId), community.Id, userId, Now));

    [Fact]
    public void joining_an_open_community_is_immediate()
    {
        var community = CommunityWith(JoinPolicy.Open);

        var joined = Assert.IsType<MemberJoined>(Assert.Single(Membership.Join(community, null, Joiner, true, Now)));

        Assert.Equal(DeterministicId.Membership(community.Id, Joiner), joined.MembershipId);
        Assert.Equal(Now, joined.JoinedAt);
    }

    [Fact]
    public void joining_a_community_that_approves_members_is_a_request() =>
        Assert.IsType<JoinRequested>(Assert.Single(Membership.Join(CommunityWith(JoinPolicy.Approval), null, Joiner, true, Now)));

    [Fact]
    public void joining_a_paid_community_needs_a_purchase() =>
        Assert.Equal(ErrorCodes.PaymentRequired,
            Assert.Throws<DomainException>(() => Membership.Join(CommunityWith(JoinPolicy.Paid), null, Joiner, true, Now)).Code);

    [Fact]
    public void joining_again_changes_nothing()
    {
        var community = CommunityWith(JoinPolicy.Open);

        Assert.Empty(Membership.Join(community, Active(community, Joiner), Joiner, true, Now.AddDays(1)));
    }

    [Fact]
    public void a_sub_community_needs_membership_of_its_parent()
    {
        var child = CommunityWith(JoinPolicy.Open, parentId: Guid.NewGuid());

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Membership.Join(child, null, Joiner, false, Now)).Code);
        Assert.IsType<MemberJoined>(Assert.Single(Membership.Join(child, null, Joiner, true, Now)));
    }

    [Fact]
    public void approving_a_pending_request_makes_an_active_member_and_a_second_approval_is_a_conflict()
    {
        var community = CommunityWith(JoinPolicy.Approval);
        var id = DeterministicId.Membership(community.Id, Joiner);
        var pending = Given(new JoinRequested(id, community.Id, Joiner, Now));

        var events = Membership.Approve(pending, Creator, Now);

        Assert.IsType<JoinRequestApproved>(events[0]);
        var active = pending.Apply(Assert.IsType<MemberJoined>(events[1]));
        Assert.Equal(MembershipStatus.Active, active.Status);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Membership.Approve(active, Creator, Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => Membership.Reject(null, Creator, Now)).Code);
    }

    [Fact]
    public void a_banned_person_cannot_join_or_accept_an_invitation_until_unbanned()
    {
        var community = CommunityWith(JoinPolicy.Open);
        var banned = Given(new MemberBanned(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, false, "spam", Creator, Now));

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Membership.Join(community, banned, Joiner, true, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Membership.AcceptInvitation(community, banned, Joiner, true, Now)).Code);
        var unbanned = banned.Apply(Assert.IsType<MemberUnbanned>(Assert.Single(Membership.Unban(banned, Creator, Now))));
        Assert.IsType<MemberJoined>(Assert.Single(Membership.Join(community, unbanned, Joiner, true, Now)));
    }

    [Fact]
    public void banning_records_whether_it_ended_an_active_membership_and_never_bans_the_creator()
    {
        var community = CommunityWith(JoinPolicy.Open);

        var ban = Assert.IsType<MemberBanned>(Assert.Single(Membership.Ban(community, Active(community, Joiner), Joiner, "spam", Creator, Now)));
        var preemptive = Assert.IsType<MemberBanned>(Assert.Single(Membership.Ban(community, null, Joiner, "spam", Creator, Now)));

        Assert.True(ban.WasActive);
        Assert.False(preemptive.WasActive);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Membership.Ban(community, null, Creator, "x", Joiner, Now)).Code);
    }

    [Fact]
    public void leaving_ends_a_membership_but_the_creator_stays()
    {
        var community = CommunityWith(JoinPolicy.Open);

        Assert.True(Assert.IsType<MemberLeft>(Assert.Single(Membership.Leave(community, Active(community, Joiner), Now))).WasActive);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Membership.Leave(community, Active(community, Creator), Now)).Code);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Membership.Leave(community, null, Now)).Code);
    }

    [Fact]
    public void a_purchase_grants_a_membership_once_never_to_a_banned_buyer_and_a_refund_lapses_it()
    {
        var community = CommunityWith(JoinPolicy.Paid);
        var banned = Given(new MemberBanned(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, false, "spam", Creator, Now));

        var joined = Assert.IsType<MemberJoined>(Assert.Single(Membership.GrantPaid(community.Id, Joiner, null, Now)));
        var active = Given(joined);

        Assert.Empty(Membership.GrantPaid(community.Id, Joiner, active, Now));
        Assert.Empty(Membership.GrantPaid(community.Id, Joiner, banned, Now));
        Assert.IsType<MembershipLapsed>(Assert.Single(Membership.Lapse(active, "refunded", Now)));
        Assert.Empty(Membership.Lapse(banned, "refunded", Now));
    }
}
