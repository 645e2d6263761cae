using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Tests.Communities;

public sealed class invitation_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Inviter = Guid.NewGuid();

    [Fact]
    public void an_invitation_works_once_and_not_after_it_expires()
    {
        var invitation = new InvitationView { Id = Guid.NewGuid(), CommunityId = Guid.NewGuid(), ExpiresAt = Now.AddDays(7) };
        var joiner = Guid.NewGuid();

        Assert.IsType<InvitationAccepted>(Assert.Single(Invitation.Accept(invitation, joiner, Now)));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Invitation.Accept(invitation, joiner, Now.AddDays(8))).Code);
        invitation.AcceptedAt = Now;
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Invitation.Accept(invitation, joiner, Now)).Code);
    }

    [Fact]
    public void an_invitation_stores_only_the_hash_of_its_token()
    {
        var token = Invitation.NewToken();
        var invited = Assert.IsType<MemberInvited>(Assert.Single(Invitation.Invite(new InviteMember(Guid.NewGuid(), Guid.NewGuid(), "Ana@Example.test", token, Inviter), Now)));

        Assert.Equal(Invitation.Hash(token), invited.TokenHash);
        Assert.DoesNotContain(token, invited.ToString());
        Assert.Equal("ana@example.test", invited.Email);
        Assert.Equal(Now + Invitation.Lifetime, invited.ExpiresAt);
        Assert.Throws<DomainException>(() => Invitation.Invite(new InviteMember(Guid.NewGuid(), Guid.NewGuid(), "not an email", token, Inviter), Now));
    }
}
