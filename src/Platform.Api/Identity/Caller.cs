using System.Security.Claims;
using Marten;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using Wolverine;

namespace Platform.Api.Identity;

/// <summary>The columns of the access matrix a caller falls into.</summary>
public enum Audience { Anonymous, Member, Creator, Moderator, Admin, Finance }

/// <summary>Who is calling, for this request or WebSocket operation: set once by the transport, read by authorization.</summary>
public sealed class Caller
{
    public UserAccount? Account { get; private set; }
    public Guid? UserId => Account?.Id;
    public bool IsSignedIn => Account is not null;

    public IReadOnlyList<Audience> Audiences => Account is null
        ? [Audience.Anonymous]
        : [Audience.Member, .. Account.Grants.Select(g => g.Role).Distinct().Where(r => r != Role.Member).Select(r => Enum.Parse<Audience>(r.ToString()))];

    public bool Holds(Role role, Guid? communityId = null) => Account?.Holds(role, communityId) ?? false;

    internal void SignIn(UserAccount account) => Account = account;
}

/// <summary>
/// Turns a validated token into a <see cref="Caller"/>: the first request of a new (issuer, subject)
/// provisions the user through <see cref="RegisterUser"/>; later ones load the account.
/// </summary>
public sealed class CallerResolver(IQuerySession reads, IMessageContext commands, Caller caller, AuthOptions auth)
{
    public async Task<Caller> Resolve(ClaimsPrincipal principal, CancellationToken cancellation)
    {
        var issuer = principal.FindFirst("iss")?.Value;
        var subject = principal.FindFirst("sub")?.Value;
        if (issuer is null || subject is null) return caller;
        var userId = DeterministicId.From("user", issuer, subject);
        // Account and suspension in one round trip: every signed-in request pays for this.
        var batch = reads.CreateBatchQuery();
        var loadingAccount = batch.Load<UserAccount>(userId);
        var loadingSuspension = batch.Load<Projections.Admin.UserSuspension>(userId);
        await batch.Execute(cancellation);
        var (account, suspension) = (await loadingAccount, await loadingSuspension);
        for (var attempt = 1; account is null; attempt++)
        {
            try
            {
                await commands.InvokeAsync(await Registration(principal, userId, issuer, subject, cancellation), cancellation);
            }
            catch (Exception e) when (attempt < 3 && Infrastructure.Failures.IsUniqueViolation(e))
            {
                // Someone else took the same handle a moment ago: the next attempt picks the next free one.
            }
            account = await reads.LoadAsync<UserAccount>(userId, cancellation);
        }
        if (suspension is not null)
            throw new Infrastructure.DomainException(Infrastructure.ErrorCodes.Unauthenticated, $"This account is suspended: {suspension.Reason}");
        // An erased account's tokens are refused: the caller stays anonymous, so every signed-in operation answers UNAUTHENTICATED.
        if (account.ErasedAt is null) caller.SignIn(account);
        return caller;
    }

    private async Task<RegisterUser> Registration(ClaimsPrincipal principal, Guid userId, string issuer, string subject, CancellationToken cancellation)
    {
        var name = principal.FindFirst("name")?.Value;
        var handle = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("nickname")?.Value ?? name ?? subject;
        return new RegisterUser(userId, issuer, subject, handle, name ?? handle, principal.FindFirst("email")?.Value,
            await SeedRoles(principal, subject, cancellation));
    }

    /// <summary>
    /// Only the embedded issuer's role claims seed a new user (ADMIN and FINANCE platform-wide; CREATOR and
    /// MODERATOR in the token's <c>community</c>, by slug). A real provider's users get roles from the
    /// platform's own grants, except the configured bootstrap admins.
    /// </summary>
    private async Task<IReadOnlyList<RoleGrant>> SeedRoles(ClaimsPrincipal principal, string subject, CancellationToken cancellation)
    {
        if (!auth.IsEmbedded) return auth.BootstrapAdmins.Contains(subject) ? [new RoleGrant(Role.Admin, null)] : [];
        var roles = principal.FindAll("roles")
            .Select(c => Enum.TryParse<Role>(c.Value.Trim(), ignoreCase: true, out var role) ? role : (Role?)null)
            .OfType<Role>().Where(r => r != Role.Member).Distinct().ToList();
        var slug = principal.FindFirst("community")?.Value;
        var community = slug is null ? null : await reads.LoadAsync<Communities.SlugClaim>(slug, cancellation);
        return roles
            .Where(r => !Account.IsScoped(r) || community is not null)
            .Select(r => new RoleGrant(r, Account.IsScoped(r) ? community!.CommunityId : null))
            .ToList();
    }
}
