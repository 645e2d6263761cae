using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

public sealed record GrantRole(Guid UserId, Role Role, Guid? CommunityId, string Reason, Guid GrantedBy);

public sealed record RevokeRole(Guid UserId, Role Role, Guid? CommunityId, string Reason, Guid RevokedBy);

/// <summary>
/// An admin's grants and revocations: events with who and why, so the history of who could do what is auditable.
/// Callers read the result from the inline <see cref="UserAccount"/> projection once the command has committed.
/// </summary>
public static class ChangeRolesHandler
{
    public static bool IsScoped(Role role) => role is Role.Creator or Role.Moderator;

    /// <summary>Pure. Nobody grants themselves a role; scoped roles name a community and platform roles don't.</summary>
    public static object[] Decide(GrantRole command, UserAccount user, bool communityExists, DateTimeOffset now)
    {
        if (command.GrantedBy == command.UserId) throw new DomainException(ErrorCodes.Forbidden, "Nobody grants themselves a role.");
        CheckScope(command.Role, command.CommunityId, communityExists);
        if (command.Role == Role.Member) throw DomainException.Invalid("Every signed-in user is a member; MEMBER is not granted.");
        if (user.Holds(command.Role, command.CommunityId) && (command.CommunityId is not null || !IsScoped(command.Role))) return [];
        return [new RoleGranted(command.UserId, command.Role, command.CommunityId, Reason(command.Reason), command.GrantedBy, now)];
    }

    /// <summary>Pure. The last admin stays an admin.</summary>
    public static object[] Decide(RevokeRole command, UserAccount user, int adminCount, DateTimeOffset now)
    {
        if (command.Role == Role.Member) throw DomainException.Invalid("MEMBER is not a grant; ban the user from a community instead.");
        if (!user.Holds(command.Role, command.CommunityId) || (IsScoped(command.Role) && command.CommunityId is null)) return [];
        if (command.Role == Role.Admin && adminCount <= 1)
            throw DomainException.Conflict("This is the last admin; grant ADMIN to someone else first.");
        return [new RoleRevoked(command.UserId, command.Role, command.CommunityId, Reason(command.Reason), command.RevokedBy, now)];
    }

    public static async Task Handle(GrantRole command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var communityExists = command.CommunityId is { } id && await session.Events.FetchLatest<Communities.Community>(id, cancellation) is not null;
        var events = Decide(command, user, communityExists, clock.GetUtcNow());
        stream.AppendMany(events);
        if (events.Length > 0 && command.Role == Role.Admin) await AdminRoster.Add(session, command.UserId, cancellation);
    }

    public static async Task Handle(RevokeRole command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        var user = stream.Aggregate ?? throw DomainException.NotFound("The user");
        var roster = await AdminRoster.Load(session, cancellation);
        var events = Decide(command, user, roster.Admins.Count, clock.GetUtcNow());
        stream.AppendMany(events);
        if (events.Length > 0 && command.Role == Role.Admin)
        {
            roster.Admins.Remove(command.UserId);
            session.Store(roster); // optimistic concurrency: a racing revocation retries and sees this one
        }
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
