using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;

namespace Platform.Tests.Communities;

/// <summary>The community stream's rules alone: given a state, when a command, then events.</summary>
public sealed class community_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Creator = Guid.NewGuid();

    private static CreateCommunity Command(string name = "Makers", string slug = "makers") =>
        new(Guid.NewGuid(), name, slug, " A place to make things ", CommunityVisibility.Public, JoinPolicy.Open, Creator);

    private static Community Started(CreateCommunity command) => Community.Create((CommunityCreated)Community.Start(command, null, Now)[0]);

    [Fact]
    public void creating_a_community_makes_its_creator_the_first_active_member()
    {
        var command = Command();

        var events = Community.Start(command, null, Now);

        var created = Assert.IsType<CommunityCreated>(events[0]);
        Assert.Equal(Community.DefaultFeePercent, created.FeePercent);
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
        var error = Assert.Throws<DomainException>(() => Community.Start(Command(slug: slug), null, Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("guitar-builders")]
    [InlineData("a1-b2")]
    public void a_good_slug_passes(string slug) =>
        Assert.Equal(2, Community.Start(Command(slug: slug), null, Now).Length);

    [Fact]
    public void a_blank_name_is_a_validation_error() =>
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Community.Start(Command(name: "  "), null, Now)).Code);

    [Fact]
    public void a_sub_community_is_made_by_the_parents_creator_and_only_one_level_deep()
    {
        var parent = Started(Command());
        var child = Command(slug: "child") with { ParentId = parent.Id };

        Assert.Equal(2, Community.Start(child, parent, Now).Length);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Community.Start(child with { CreatedBy = Guid.NewGuid() }, parent, Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => Community.Start(child, null, Now)).Code);
        var grandchild = Command(slug: "grandchild") with { ParentId = Guid.NewGuid() };
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Community.Start(grandchild, parent with { ParentId = Guid.NewGuid() }, Now)).Code);
    }

    [Fact]
    public void changing_settings_names_only_what_changed_and_nothing_when_nothing_did()
    {
        var community = Started(Command());

        var changed = Assert.IsType<CommunitySettingsChanged>(Assert.Single(Community.ChangeSettings(
            new UpdateCommunitySettings(community.Id, " Makers ", null, CommunityVisibility.Private, JoinPolicy.Open, Creator), community, Now)));

        Assert.Null(changed.Name);
        Assert.Null(changed.JoinPolicy);
        Assert.Equal(CommunityVisibility.Private, changed.Visibility);
        Assert.Equal(CommunityVisibility.Private, community.Apply(changed).Visibility);
        Assert.Empty(Community.ChangeSettings(new UpdateCommunitySettings(community.Id, "Makers", null, null, null, Creator), community, Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Community.ChangeSettings(new UpdateCommunitySettings(community.Id, null, new string('x', 2001), null, null, Creator), community, Now)).Code);

        var removing = community.Apply(Assert.IsType<CommunitySettingsChanged>(Assert.Single(Community.ChangeSettings(
            new UpdateCommunitySettings(community.Id, null, null, null, null, Creator, ErasedMemberContent: ErasedMemberContent.Remove), community, Now))));
        Assert.Equal(ErasedMemberContent.Remove, removing.ErasedMemberContent);
        Assert.Empty(Community.ChangeSettings(new UpdateCommunitySettings(community.Id, null, null, null, null, Creator, ErasedMemberContent: ErasedMemberContent.Remove), removing, Now));
    }

    [Fact]
    public void level_names_are_one_to_nine_short_names()
    {
        var community = Started(Command());

        var set = Assert.IsType<LevelNamesSet>(Assert.Single(Community.NameLevels(new SetLevelNames(community.Id, [" Novice ", "Expert"], Creator), Now)));

        Assert.Equal(["Novice", "Expert"], community.Apply(set).LevelNames);
        Assert.Throws<DomainException>(() => Community.NameLevels(new SetLevelNames(community.Id, [], Creator), Now));
        Assert.Throws<DomainException>(() => Community.NameLevels(new SetLevelNames(community.Id, Enumerable.Repeat("L", 10).ToList(), Creator), Now));
        Assert.Throws<DomainException>(() => Community.NameLevels(new SetLevelNames(community.Id, [new string('x', 31)], Creator), Now));
    }
}
