using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;

namespace Platform.Tests.Identity;

/// <summary>The user stream's rules alone: profile changes and role changes.</summary>
public sealed class account_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly Guid Community = Guid.NewGuid();

    private static UserAccount User(params RoleGrant[] grants) =>
        new() { Id = Guid.NewGuid(), Handle = "ada", DisplayName = "Ada", Grants = [.. grants] };

    [Fact]
    public void a_role_is_granted_with_a_reason_once_and_never_by_oneself()
    {
        var user = User();

        var granted = Assert.IsType<RoleGranted>(Assert.Single(Account.Grant(new GrantRole(user.Id, Role.Finance, null, " audit ", Admin), user, false, Now)));

        Assert.Equal("audit", granted.Reason);
        Assert.Empty(Account.Grant(new GrantRole(user.Id, Role.Finance, null, "again", Admin), User(new RoleGrant(Role.Finance, null)), false, Now));
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Account.Grant(new GrantRole(user.Id, Role.Admin, null, "me", user.Id), user, false, Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Account.Grant(new GrantRole(user.Id, Role.Finance, null, " ", Admin), user, false, Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Account.Grant(new GrantRole(user.Id, Role.Member, null, "x", Admin), user, false, Now)).Code);
    }

    [Fact]
    public void community_roles_name_an_existing_community_and_platform_roles_none()
    {
        var user = User();

        Assert.IsType<RoleGranted>(Assert.Single(Account.Grant(new GrantRole(user.Id, Role.Moderator, Community, "helps", Admin), user, true, Now)));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Account.Grant(new GrantRole(user.Id, Role.Moderator, null, "x", Admin), user, false, Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Account.Grant(new GrantRole(user.Id, Role.Admin, Community, "x", Admin), user, true, Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => Account.Grant(new GrantRole(user.Id, Role.Moderator, Community, "x", Admin), user, false, Now)).Code);
    }

    [Fact]
    public void revoking_what_is_not_held_changes_nothing_and_the_last_admin_stays()
    {
        var admin = User(new RoleGrant(Role.Admin, null));

        Assert.Empty(Account.Revoke(new RevokeRole(admin.Id, Role.Finance, null, "x", Admin), admin, 2, Now));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Account.Revoke(new RevokeRole(admin.Id, Role.Admin, null, "x", Admin), admin, 1, Now)).Code);
        Assert.IsType<RoleRevoked>(Assert.Single(Account.Revoke(new RevokeRole(admin.Id, Role.Admin, null, "x", Admin), admin, 2, Now)));
    }

    [Fact]
    public void a_profile_change_normalises_the_handle_and_a_change_to_nothing_is_no_event()
    {
        var user = User();

        var updated = Assert.IsType<ProfileUpdated>(Assert.Single(Account.UpdateProfile(new UpdateProfile(user.Id, " Ada_L ", null, null), user, Now)));

        Assert.Equal("ada_l", updated.Handle);
        Assert.Empty(Account.UpdateProfile(new UpdateProfile(user.Id, "ada", "Ada", null), user, Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Account.UpdateProfile(new UpdateProfile(user.Id, "a!", null, null), user, Now)).Code);
    }
}
