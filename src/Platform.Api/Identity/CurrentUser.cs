using System.Security.Claims;
using Platform.Contracts;

namespace Platform.Api.Identity;

public static class CurrentUser
{
    /// <summary>The platform's user id for a token's (issuer, subject): stable, so first requests that race agree on it.</summary>
    public static Guid? IdOf(ClaimsPrincipal? principal)
    {
        var subject = principal?.FindFirst("sub")?.Value;
        var issuer = principal?.FindFirst("iss")?.Value;
        return subject is null || issuer is null ? null : DeterministicId.From("user", issuer, subject);
    }
}
