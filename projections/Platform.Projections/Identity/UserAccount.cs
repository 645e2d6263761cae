using Marten.Events.Aggregation;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;

namespace Platform.Projections.Identity;

public sealed record RoleGrant(Role Role, Guid? CommunityId);

/// <summary>A user's profile and current role grants (PROF, SETT, AUSR, and every authorization decision).</summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }
    public string Issuer { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Handle { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Bio { get; set; } = "";
    public string? Email { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public List<RoleGrant> Grants { get; set; } = [];
    /// <summary>Lower-cased handle and display name, for case-insensitive search.</summary>
    public string SearchText { get; set; } = "";
    /// <summary>Set once the person's key was destroyed: the token of this (issuer, subject) is refused from then on.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public bool Holds(Role role, Guid? communityId = null) =>
        Grants.Any(g => g.Role == role && (communityId is null || g.CommunityId == communityId));
}

/// <summary>Inline: a user's grants must be current on the very next request.</summary>
public sealed partial class UserAccountProjection : SingleStreamProjection<UserAccount, Guid>
{
    public static UserAccount Create(UserRegistered e) => new()
    {
        Id = e.UserId, Issuer = e.Issuer, Subject = e.Subject, Handle = e.Handle, DisplayName = e.DisplayName,
        Email = e.Email, RegisteredAt = e.RegisteredAt, SearchText = $"{e.Handle} {e.DisplayName}".ToLowerInvariant(),
    };

    public static void Apply(ProfileUpdated e, UserAccount user)
    {
        user.Handle = e.Handle;
        user.DisplayName = e.DisplayName;
        user.Bio = e.Bio;
        user.SearchText = $"{e.Handle} {e.DisplayName}".ToLowerInvariant();
    }

    public static void Apply(RoleGranted e, UserAccount user)
    {
        var grant = new RoleGrant(e.Role, e.CommunityId);
        if (!user.Grants.Contains(grant)) user.Grants.Add(grant);
    }

    /// <summary>The live document loses the personal fields at once; a rebuild gets the same values from the sealed events.</summary>
    public static void Apply(AccountErased e, UserAccount user)
    {
        var erased = ErasedAccount.Of(e.UserId);
        (user.Subject, user.Handle, user.DisplayName, user.Bio, user.Email) = (erased.Subject, erased.Handle, erased.DisplayName, erased.Bio, erased.Email);
        user.SearchText = "";
        user.Grants.Clear();
        user.ErasedAt = e.ErasedAt;
    }

    public static void Apply(RoleRevoked e, UserAccount user) => user.Grants.Remove(new RoleGrant(e.Role, e.CommunityId));
}
