using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Communities;

namespace Platform.Api.Communities;

/// <summary>The token is made by the caller of the command and handed back to the inviter once; only its hash is stored.</summary>
public sealed record InviteMember(Guid InvitationId, Guid CommunityId, string Email, string Token, Guid InvitedBy);

public sealed record AcceptInvite(string Token, Guid UserId);

public static class Invitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Pure.</summary>
    public static object[] Decide(InviteMember command, DateTimeOffset now)
    {
        if (!MailAddress.TryCreate(command.Email.Trim(), out var address) || address.Address != command.Email.Trim() || command.Email.Length > 254)
            throw DomainException.Invalid("That is not an email address.");
        return [new MemberInvited(command.InvitationId, command.CommunityId, address.Address.ToLowerInvariant(), Hash(command.Token),
            now.Add(Lifetime), command.InvitedBy, now)];
    }

    /// <summary>Pure: an invitation works once, before it expires.</summary>
    public static object[] Accept(InvitationView invitation, Guid userId, DateTimeOffset now)
    {
        if (invitation.AcceptedAt is not null) throw DomainException.Conflict("This invitation was already used.");
        if (invitation.ExpiresAt <= now) throw DomainException.Invalid("This invitation has expired; ask for a new one.");
        return [new InvitationAccepted(invitation.Id, invitation.CommunityId, userId, now)];
    }
}

public static class InvitationsHandler
{
    /// <summary>The invitation mail goes out through the outbox with this transaction: it is the one place the token still exists.</summary>
    public static async Task<Mail.MailInvitation> Handle(InviteMember command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        await MembershipCommandsHandler.LoadCommunity(session, command.CommunityId, cancellation);
        session.Events.StartStream<InvitationView>(command.InvitationId, Invitations.Decide(command, clock.GetUtcNow()));
        return new Mail.MailInvitation(command.InvitationId, command.Token);
    }

    /// <summary>Returns the community joined. Two accepts of one token race on the invitation stream; one wins.</summary>
    public static async Task<Guid> Handle(AcceptInvite command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var hash = Invitations.Hash(command.Token);
        var found = await session.Query<InvitationView>().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellation)
            ?? throw DomainException.NotFound("The invitation");
        var invitation = await session.Events.FetchForWriting<InvitationView>(found.Id, cancellation);
        var now = clock.GetUtcNow();
        invitation.AppendMany(Invitations.Accept(invitation.Aggregate!, command.UserId, now));

        var community = await MembershipCommandsHandler.LoadCommunity(session, found.CommunityId, cancellation);
        var membership = await session.Events.FetchForWriting<MembershipView>(DeterministicId.Membership(community.Id, command.UserId), cancellation);
        membership.AppendMany(MembershipDecisions.AcceptInvitation(community, membership.Aggregate, command.UserId,
            await MembershipCommandsHandler.IsActiveMemberOfParent(session, community, command.UserId, cancellation), now));
        return community.Id;
    }
}
