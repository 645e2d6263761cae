using GraphQL.Types;
using Platform.Projections.Communities;

namespace Platform.Api.Communities.Graph;

public sealed class InvitationGraphType : ObjectGraphType<(InvitationView Invitation, string Token)>
{
    public InvitationGraphType()
    {
        Name = "Invitation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Invitation.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.Invitation.CommunityId);
        Field<NonNullGraphType<StringGraphType>>("email").Resolve(c => c.Source.Invitation.Email);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expiresAt").Resolve(c => c.Source.Invitation.ExpiresAt);
        Field<NonNullGraphType<StringGraphType>>("token")
            .Description("The single-use token for acceptInvite; shown once, here, and stored only as a hash.")
            .Resolve(c => c.Source.Token);
    }
}
