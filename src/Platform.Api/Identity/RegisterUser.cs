using System.Text;
using Marten;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>Provisions the user behind a token on their first request. <c>SeedRoles</c> only in embedded mode.</summary>
public sealed record RegisterUser(
    Guid UserId, string Issuer, string Subject, string PreferredHandle, string DisplayName, string? Email,
    IReadOnlyList<RoleGrant> SeedRoles);

public static class RegisterUserHandler
{
    /// <summary>Pure: the events that register a user with a free handle and their seed roles.</summary>
    public static object[] Decide(RegisterUser command, string handle, DateTimeOffset now) =>
    [
        new UserRegistered(command.UserId, command.Issuer, command.Subject, handle, command.DisplayName, command.Email, now),
        .. command.SeedRoles.Distinct().Select(grant =>
            (object)new RoleGranted(command.UserId, grant.Role, grant.CommunityId, "Role claim in the first token (embedded identity)", null, now)),
    ];

    public static async Task Handle(RegisterUser command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<UserAccount>(command.UserId, cancellation);
        if (stream.Aggregate is not null) return; // the other first request won the race
        var handle = await FreeHandle(session, Handles.Normalise(command.PreferredHandle), cancellation);
        var events = Decide(command, handle, clock.GetUtcNow());
        stream.AppendMany(events);
        if (command.SeedRoles.Any(g => g.Role == Role.Admin)) await AdminRoster.Add(session, command.UserId, cancellation);
    }

    private const int CandidatesPerRead = 20;

    /// <summary>
    /// The handle itself when free, else the first free one with a number after it. The candidates are looked up a page at a
    /// time by the handle's unique index (a prefix <c>LIKE</c> would scan every account on each sign-up).
    /// </summary>
    private static async Task<string> FreeHandle(IQuerySession session, string wanted, CancellationToken cancellation)
    {
        for (var from = 1; ; from += CandidatesPerRead)
        {
            var candidates = Enumerable.Range(from, CandidatesPerRead).Select(n => n == 1 ? wanted : $"{wanted}{n}").ToArray();
            var taken = (await session.Query<UserAccount>()
                .Where(u => candidates.Contains(u.Handle))
                .Select(u => u.Handle).ToListAsync(cancellation)).ToHashSet();
            if (candidates.FirstOrDefault(c => !taken.Contains(c)) is { } free) return free;
        }
    }
}

public static class Handles
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    /// <summary>A handle from whatever a token offers: lower-case letters, digits and underscores.</summary>
    public static string Normalise(string raw)
    {
        var builder = new StringBuilder();
        foreach (var c in raw.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (c is '_' or '-' or '.' or ' ') builder.Append('_');
            if (builder.Length == MaxLength - 3) break; // room for a number suffix
        }
        var handle = builder.ToString().Trim('_');
        return handle.Length >= MinLength ? handle : $"user_{handle}".TrimEnd('_').PadRight(MinLength, '0');
    }

    public static bool IsValid(string handle) =>
        handle.Length is >= MinLength and <= MaxLength && handle.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
