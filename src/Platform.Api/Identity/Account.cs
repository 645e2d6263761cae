using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>
/// The user stream's pure rules: the profile and the roles, <c>now</c> passed in. Roles are events with who and why, so the
/// history of who could do what is auditable. They decide on <see cref="UserAccount"/>, the inline document every request
/// loads as its caller, so a grant counts on the very next request.
/// </summary>
public static class Account
{
    public static bool IsScoped(Role role) => role is Role.Creator or Role.Moderator;

    /// <summary>A taken handle is refused by the unique index when the change commits.</summary>
    public static object[] UpdateProfile(UpdateProfile command, UserAccount user, DateTimeOffset now)
    {
        var handle = command.Handle?.Trim().ToLowerInvariant() ?? user.Handle;
        var displayName = command.DisplayName?.Trim() ?? user.DisplayName;
        var bio = command.Bio?.Trim() ?? user.Bio;
        if (!Handles.IsValid(handle))
            throw DomainException.Invalid($"A handle is {Handles.MinLength} to {Handles.MaxLength} lower-case letters, digits and underscores.");
        if (displayName.Length is 0 or > 80) throw DomainException.Invalid("A display name is 1 to 80 characters.");
        if (bio.Length > 1000) throw DomainException.Invalid("A bio is at most 1000 characters.");
        if (handle == user.Handle && displayName == user.DisplayName && bio == user.Bio) return [];
        return [new ProfileUpdated(user.Id, handle, displayName, bio, command.UserId, now)];
    }

    /// <summary>Nobody grants themselves a role; scoped roles name a community and platform roles don't.</summary>
    public static object[] Grant(GrantRole command, UserAccount user, bool communityExists, DateTimeOffset now)
    {
        if (command.GrantedBy == command.UserId) throw new DomainException(ErrorCodes.Forbidden, "Nobody grants themselves a role.");
        CheckScope(command.Role, command.CommunityId, communityExists);
        if (command.Role == Role.Member) throw DomainException.Invalid("Every signed-in user is a member; MEMBER is not granted.");
        if (user.Holds(command.Role, command.CommunityId) && (command.CommunityId is not null || !IsScoped(command.Role))) return [];
        return [new RoleGranted(command.UserId, command.Role, command.CommunityId, Reason(command.Reason), command.GrantedBy, now)];
    }

    /// <summary>The last admin stays an admin.</summary>
    public static object[] Revoke(RevokeRole command, UserAccount user, int adminCount, DateTimeOffset now)
    {
        if (command.Role == Role.Member) throw DomainException.Invalid("MEMBER is not a grant; ban the user from a community instead.");
        if (!user.Holds(command.Role, command.CommunityId) || (IsScoped(command.Role) && command.CommunityId is null)) return [];
        if (command.Role == Role.Admin && adminCount <= 1)
            throw DomainException.Conflict("This is the last admin; grant ADMIN to someone else first.");
        return [new RoleRevoked(command.UserId, command.Role, command.CommunityId, Reason(command.Reason), command.RevokedBy, now)];
    }

    private static void CheckScope(Role role, Guid? communityId, bool communityExists)
    {
        if (IsScoped(role) && communityId is null) throw DomainException.Invalid($"{role.ToString().ToUpperInvariant()} is held in a community: give communityId.");
        if (!IsScoped(role) && communityId is not null) throw DomainException.Invalid($"{role.ToString().ToUpperInvariant()} is a platform role: leave communityId out.");
        if (communityId is not null && !communityExists) throw DomainException.NotFound("The community");
    }

    private static string Reason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw DomainException.Invalid("Say why: a reason is required.")
        : reason.Length > 500 ? throw DomainException.Invalid("A reason is at most 500 characters.")
        : reason.Trim();
}
