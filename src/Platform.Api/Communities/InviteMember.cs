using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Communities;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Communities;

/// <summary>The token is made by the caller of the command and handed back to the inviter once; only its hash is stored.</summary>
public sealed record InviteMember(Guid InvitationId, Guid CommunityId, string Email, string Token, Guid InvitedBy);

public static class InviteMemberField
{
    public static void AddInviteMember(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<InvitationGraphType>>("inviteMember")
            .Description("Invites someone by email with a single-use token that expires in 7 days.")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<StringGraphType>>("email")
            .AllowOwn(CommunitiesAccess.Member("communityId"), SignedIn)
            .ResolveAsync(async c =>
            {
                var command = new InviteMember(Guid.CreateVersion7(), c.IdArgument("communityId"), c.GetArgument<string>("email"),
                    Invitation.NewToken(), c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                var invitation = await c.Reads().LoadAsync<InvitationView>(command.InvitationId, c.CancellationToken);
                return (invitation!, command.Token);
            });
}

public static class InviteMemberHandler
{
    /// <summary>The invitation mail goes out through the outbox with this transaction: it is the one place the token still exists.</summary>
    public static async Task<Mail.MailInvitation> Handle(InviteMember command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        await Community.Load(session, command.CommunityId, cancellation);
        session.Events.StartStream<InvitationView>(command.InvitationId, Invitation.Invite(command, clock.GetUtcNow()));
        return new Mail.MailInvitation(command.InvitationId, command.Token);
    }
}
