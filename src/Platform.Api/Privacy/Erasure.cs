using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;
using Platform.Projections.Identity;

namespace Platform.Api.Privacy;

/// <summary>The erasure's pure rules, on the user stream's <see cref="UserAccount"/>, <c>now</c> passed in.</summary>
public static class Erasure
{
    /// <summary>
    /// The confirmation is the account's current handle, typed by whoever erases it, so a stray call cannot erase anyone.
    /// An admin is not erased while they hold ADMIN (revoking it first keeps the last-admin guard in one place).
    /// Erasing an erased account again changes nothing.
    /// </summary>
    public static object[] Erase(EraseAccount command, UserAccount user, DateTimeOffset now)
    {
        if (user.ErasedAt is not null) return [];
        if (!string.Equals(command.Confirmation?.Trim(), user.Handle, StringComparison.OrdinalIgnoreCase))
            throw DomainException.Invalid("Type the account's handle to confirm the erasure.");
        if (user.Holds(Role.Admin)) throw DomainException.Conflict("An admin is not erased: revoke ADMIN first.");
        return [new AccountErased(user.Id, command.ErasedBy, command.ByAdmin, now)];
    }
}
