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

        var events = CreateCommunityHandler.Decide(command, Now);

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
        var error = Assert.Throws<DomainException>(() => CreateCommunityHandler.Decide(Command(slug: slug), Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("guitar-builders")]
    [InlineData("a1-b2")]
    public void a_good_slug_passes(string slug) =>
        Assert.Equal(2, CreateCommunityHandler.Decide(Command(slug: slug), Now).Length);

    [Fact]
    public void a_blank_name_is_a_validation_error() =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => CreateCommunityHandler.Decide(Command(name: "  "), Now)).Code);

    private static Community CommunityWith(JoinPolicy policy) => new(Guid.NewGuid(), "c", CommunityVisibility.Public, policy, Creator);

    [Fact]
    public void joining_an_open_community_is_immediate()
    {
        var community = CommunityWith(JoinPolicy.Open);

        var joined = Assert.IsType<MemberJoined>(Assert.Single(JoinCommunityHandler.Decide(community, null, Joiner, Now)));

        Assert.Equal(DeterministicId.Membership(community.Id, Joiner), joined.MembershipId);
        Assert.Equal(Now, joined.JoinedAt);
    }

    [Fact]
    public void joining_a_community_that_approves_members_is_a_request() =>
        Assert.IsType<JoinRequested>(Assert.Single(JoinCommunityHandler.Decide(CommunityWith(JoinPolicy.Approval), null, Joiner, Now)));

    [Fact]
    public void joining_a_paid_community_needs_a_purchase() =>
        Assert.Equal("PAYMENT_REQUIRED",
            Assert.Throws<DomainException>(() => JoinCommunityHandler.Decide(CommunityWith(JoinPolicy.Paid), null, Joiner, Now)).Code);

    [Fact]
    public void joining_again_changes_nothing()
    {
        var community = CommunityWith(JoinPolicy.Open);
        var current = MembershipViewProjection.Create(new MemberJoined(DeterministicId.Membership(community.Id, Joiner), community.Id, Joiner, Now));

        Assert.Empty(JoinCommunityHandler.Decide(community, current, Joiner, Now.AddDays(1)));
    }
}
