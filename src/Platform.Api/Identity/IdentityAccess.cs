using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>Who may see or do what with users: the "own" meanings of the identity rows of ACCESS-MATRIX.md.</summary>
public static class IdentityAccess
{
    /// <summary>The operation acts on the caller's own data only.</summary>
    public static readonly Ownership Self = new("the caller's own data", (_, caller) => Task.FromResult(caller.IsSignedIn));

    /// <summary>A user's roles are shown to that user (and to admins, who may see any).</summary>
    public static readonly Ownership UserThemself = new("the user themself",
        (context, caller) => Task.FromResult(((UserAccount)context.Source!).Id == caller.UserId));
}
