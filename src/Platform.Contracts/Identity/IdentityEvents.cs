namespace Platform.Contracts.Identity;

/// <summary>Platform roles; CREATOR and MODERATOR are held per community, the others platform-wide.</summary>
public enum Role { Member, Creator, Moderator, Admin, Finance }

/// <summary>A user's stream id is <c>DeterministicId.From("user", issuer, subject)</c>: the first requests that race agree on it.</summary>
public sealed record UserRegistered(
    Guid UserId, string Issuer, string Subject, string Handle, string DisplayName, string? Email, DateTimeOffset RegisteredAt);

public sealed record ProfileUpdated(Guid UserId, string Handle, string DisplayName, string Bio, Guid UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary><c>GrantedBy</c> is a user id, or null when the platform granted it (a token's seed roles, creating a community).</summary>
public sealed record RoleGranted(Guid UserId, Role Role, Guid? CommunityId, string Reason, Guid? GrantedBy, DateTimeOffset GrantedAt);

public sealed record RoleRevoked(Guid UserId, Role Role, Guid? CommunityId, string Reason, Guid RevokedBy, DateTimeOffset RevokedAt);
