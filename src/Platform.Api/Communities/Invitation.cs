using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Platform.Api.Infrastructure;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

/// <summary>
/// The invitation stream's pure rules. It decides on <see cref="InvitationView"/>, an inline document that is also how an
/// accept finds the invitation by its token's hash; the token itself is shown once to the inviter and never stored.
/// </summary>
public static class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static object[] Invite(InviteMember command, DateTimeOffset now)
    {
        if (!MailAddress.TryCreate(command.Email.Trim(), out var address) || address.Address != command.Email.Trim() || command.Email.Length > 254)
            throw DomainException.Invalid("That is not an email address.");
        return [new MemberInvited(command.InvitationId, command.CommunityId, address.Address.ToLowerInvariant(), Hash(command.Token),
            now.Add(Lifetime), command.InvitedBy, now)];
    }

    /// <summary>An invitation works once, before it expires.</summary>
    public static object[] Accept(InvitationView invitation, Guid userId, DateTimeOffset now)
    {
        if (invitation.AcceptedAt is not null) throw DomainException.Conflict("This invitation was already used.");
        if (invitation.ExpiresAt <= now) throw DomainException.Invalid("This invitation has expired; ask for a new one.");
        return [new InvitationAccepted(invitation.Id, invitation.CommunityId, userId, now)];
    }
}
