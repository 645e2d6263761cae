namespace Platform.Api.Identity;

/// <summary>The "own" that every module shares (the meanings listed in ACCESS-MATRIX.md); a module's own rules live in its access file.</summary>
public static class Ownerships
{
    /// <summary>The operation acts on the caller's own data only.</summary>
    public static readonly Ownership Self = new("the caller's own data", (_, caller) => Task.FromResult(caller.IsSignedIn));
}
