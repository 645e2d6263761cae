using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Tests.Communities;

/// <summary>Given a state, when a command, then events: the deciders alone, no database.</summary>
public sealed class community_deciders
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Creator = Guid.NewGuid();
    private static readonly Guid Joiner = Guid.NewGuid();

    private static CreateCommunity Command(string name = "Makers", string slug = "makers") =>
        new(Guid.NewGuid(), name, slug, " A place to make things ", CommunityVisibility.Public, JoinPolicy.Open, Creator);

    [Fact]
    public void creating_a_community_makes_its_creator_the_first_active_member()
    {
        var command = Command();

        var events = CreateCommunityHandler.Decide(command, null, Now);

        var created = Assert.IsType<CommunityCreated>(events[0]);
        Assert.Equal(CreateCommunityHandler.DefaultFeePercent, created.FeePercent);
        Assert.Equal("A place to make things", created.Description);
        Assert.Equal(Now, created.CreatedAt);
        var joined = Assert.IsType<MemberJoined>(events[1]);
        Assert.Equal(Creator, joined.UserId);
        Assert.Equal(DeterministicId.Membership(command.CommunityId, Creator), joined.MembershipId);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("under_score")]
    [InlineData("ends-")]
    [InlineData("-starts")]
    [InlineData("a-slug-that-is-far-too-long-to-be-accepted-by-the-rules")]
    public void a_bad_slug_is_a_validation_error(string slug)
    {
        var error = Assert.Throws<DomainException>(() => CreateCommunityHandler.Decide(Command(slug: slug), null, Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("guitar-builders")]
    [InlineData("a1-b2")]
    public void a_good_slug_passes(string slug) =>
        Assert.Equal(2, CreateCommunityHandler.Decide(Command(slug: slug), null, Now).Length);

    [Fact]
    public void a_blank_name_is_a_validation_error() =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => CreateCommunityHandler.Decide(Command(name: "  "), null, Now)).Code);

    private static Community CommunityWith(JoinPolicy policy, Guid? parentId = null) =>
        new(Guid.NewGuid(), "C", "c", "", CommunityVisibility.Public, policy, Creator, parentId, 15);

    [Fact]
    public void joining_an_open_community_is_immediate()
    {
        var community = CommunityWith(JoinPolicy.Open);

        var joined = Assert.IsType<MemberJoined>(Assert.Single(MembershipDecisions.Join(community, null, Joiner, true, Now)));

        Assert.Equal(DeterministicId.Membership(community.Id, Joiner), joined.MembershipId);
        Assert.Equal(Now, joined.JoinedAt);
    }

    [Fact]
    public void joining_a_community_that_approves_members_is_a_request() =>
        Assert.IsType<JoinRequested>(Assert.Single(MembershipDecisions.Join(CommunityWith(JoinPolicy.Approval), null, Joiner, true, Now)));

    [Fact]
    public void joining_a_paid_community_needs_a_purchase() =>
        Assert.Equal("PAYMENT_REQUIRED",
            Assert.Throws<DomainException>(() => MembershipDecisions.Join(CommunityWith(JoinPolicy.Paid), null, Joiner, true, Now)).Code);

    [Fact]
    public void joining_again_changes_nothing()
    {
        var community = CommunityWith(JoinPolicy.Open);
        var current = MembershipViewProjection.Create(new MemberJoined(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, Now));

        Assert.Empty(MembershipDecisions.Join(community, current, Joiner, true, Now.AddDays(1)));
    }

    private static MembershipView Membership(Community community, params object[] events)
    {
        MembershipView? view = null;
        foreach (var e in events)
            view = e switch
            {
                JoinRequested x => view is null ? MembershipViewProjection.Create(x) : MembershipViewProjection.Apply(x, view),
                MemberJoined x => view is null ? MembershipViewProjection.Create(x) : MembershipViewProjection.Apply(x, view),
                MemberBanned x => view is null ? MembershipViewProjection.Create(x) : MembershipViewProjection.Apply(x, view),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        return view!;
    }

    [Fact]
    public void a_sub_community_needs_membership_of_its_parent()
    {
        var child = CommunityWith(JoinPolicy.Open, parentId: Guid.NewGuid());

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => MembershipDecisions.Join(child, null, Joiner, false, Now)).Code);
        Assert.IsType<MemberJoined>(Assert.Single(MembershipDecisions.Join(child, null, Joiner, true, Now)));
    }

    [Fact]
    public void approving_a_pending_request_makes_an_active_member_and_a_second_approval_is_a_conflict()
    {
        var community = CommunityWith(JoinPolicy.Approval);
        var id = DeterministicId.Membership(community.Id, Joiner);
        var pending = Membership(community, new JoinRequested(id, community.Id, Joiner, Now));

        var events = MembershipDecisions.Approve(pending, Creator, Now);
        var active = Membership(community, new JoinRequested(id, community.Id, Joiner, Now), new MemberJoined(id, community.Id, Joiner, Now));

        Assert.IsType<JoinRequestApproved>(events[0]);
        Assert.IsType<MemberJoined>(events[1]);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => MembershipDecisions.Approve(active, Creator, Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => MembershipDecisions.Reject(null, Creator, Now)).Code);
    }

    [Fact]
    public void a_banned_person_cannot_join_or_accept_an_invitation_until_unbanned()
    {
        var community = CommunityWith(JoinPolicy.Open);
        var banned = Membership(community, new MemberBanned(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, false, "spam", Creator, Now));

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => MembershipDecisions.Join(community, banned, Joiner, true, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => MembershipDecisions.AcceptInvitation(community, banned, Joiner, true, Now)).Code);
        Assert.IsType<MemberUnbanned>(Assert.Single(MembershipDecisions.Unban(banned, Creator, Now)));
    }

    [Fact]
    public void banning_records_whether_it_ended_an_active_membership_and_never_bans_the_creator()
    {
        var community = CommunityWith(JoinPolicy.Open);
        var active = Membership(community, new MemberJoined(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, Now));

        var ban = Assert.IsType<MemberBanned>(Assert.Single(MembershipDecisions.Ban(community, active, Joiner, "spam", Creator, Now)));
        var preemptive = Assert.IsType<MemberBanned>(Assert.Single(MembershipDecisions.Ban(community, null, Joiner, "spam", Creator, Now)));

        Assert.True(ban.WasActive);
        Assert.False(preemptive.WasActive);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => MembershipDecisions.Ban(community, null, Creator, "x", Joiner, Now)).Code);
    }

    [Fact]
    public void leaving_ends_a_membership_but_the_creator_stays()
    {
        var community = CommunityWith(JoinPolicy.Open);
        var active = Membership(community, new MemberJoined(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, Now));
        var creator = Membership(community, new MemberJoined(DeterministicId.Membership(community.Id, Creator), community.Id, Creator, Now));

        Assert.True(Assert.IsType<MemberLeft>(Assert.Single(MembershipDecisions.Leave(community, active, Now))).WasActive);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => MembershipDecisions.Leave(community, creator, Now)).Code);
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => MembershipDecisions.Leave(community, null, Now)).Code);
    }

    [Fact]
    public void an_invitation_works_once_and_not_after_it_expires()
    {
        var invitation = new InvitationView { Id = Guid.NewGuid(), CommunityId = Guid.NewGuid(), ExpiresAt = Now.AddDays(7) };

        Assert.IsType<InvitationAccepted>(Assert.Single(Invitations.Accept(invitation, Joiner, Now)));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Invitations.Accept(invitation, Joiner, Now.AddDays(8))).Code);
        invitation.AcceptedAt = Now;
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Invitations.Accept(invitation, Joiner, Now)).Code);
    }

    [Fact]
    public void an_invitation_stores_only_the_hash_of_its_token()
    {
        var token = Invitations.NewToken();
        var invited = Assert.IsType<MemberInvited>(Assert.Single(Invitations.Decide(new InviteMember(Guid.NewGuid(), Guid.NewGuid(), "Ana@Example.test", token, Creator), Now)));

        Assert.Equal(Invitations.Hash(token), invited.TokenHash);
        Assert.DoesNotContain(token, invited.ToString());
        Assert.Equal("ana@example.test", invited.Email);
        Assert.Equal(Now + Invitations.Lifetime, invited.ExpiresAt);
        Assert.Throws<DomainException>(() => Invitations.Decide(new InviteMember(Guid.NewGuid(), Guid.NewGuid(), "not an email", token, Creator), Now));
    }
}
