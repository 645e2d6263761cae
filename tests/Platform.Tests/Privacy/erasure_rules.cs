using Platform.Api.Infrastructure;
using Platform.Api.Privacy;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;
using Platform.Projections.Identity;

namespace Platform.Tests.Privacy;

/// <summary>The erasure's rule alone: who is erased, on what confirmation, and only once.</summary>
public sealed class erasure_rules
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static UserAccount User(params RoleGrant[] grants) => new() { Id = Guid.NewGuid(), Handle = "ada", DisplayName = "Ada", Grants = [.. grants] };

    [Fact]
    public void the_handle_confirms_the_erasure_and_the_event_carries_ids_and_time_only()
    {
        var user = User();
        var admin = Guid.NewGuid();

        var erased = Assert.IsType<AccountErased>(Assert.Single(Erasure.Erase(new EraseAccount(user.Id, " ADA ", admin, true), user, Now)));

        Assert.Equal(new AccountErased(user.Id, admin, true, Now), erased);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Erasure.Erase(new EraseAccount(user.Id, "bob", user.Id, false), user, Now)).Code);
    }

    [Fact]
    public void an_admin_is_not_erased_and_an_erased_account_is_not_erased_again()
    {
        var admin = User(new RoleGrant(Role.Admin, null));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Erasure.Erase(new EraseAccount(admin.Id, "ada", admin.Id, false), admin, Now)).Code);

        var gone = User();
        gone.ErasedAt = Now;
        Assert.Empty(Erasure.Erase(new EraseAccount(gone.Id, "anything", gone.Id, false), gone, Now));
    }
}
