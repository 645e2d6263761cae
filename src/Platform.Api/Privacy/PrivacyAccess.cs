using Platform.Api.Identity;

namespace Platform.Api.Privacy;

/// <summary>
/// Who may export or erase whose personal data: a person their own (<c>exportMyData</c>, <c>deleteMyAccount</c>), an admin
/// anyone's (<c>exportUserData</c>, <c>deleteUserAccount</c>). Nobody else, not even a community's creator: the data spans
/// every community. An erased person's token no longer signs in (<see cref="CallerResolver"/>), so they can do neither.
/// </summary>
public static class PrivacyAccess
{
    /// <summary>"Own" for the self-service operations: they act on the caller alone, never on an argument.</summary>
    public static readonly Ownership OwnAccount = IdentityAccess.Self;
}
