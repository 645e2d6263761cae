using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity.Graph;

/// <summary>A user as others see them; their roles only to themselves and admins.</summary>
public sealed class UserGraphType : ObjectGraphType<UserAccount>
{
    public UserGraphType()
    {
        Name = "User";
        this.AddProfileFields();
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleGrantGraphType>>>>("roles")
            .Allow(Audience.Admin)
            .AllowOwn(IdentityAccess.UserThemself, SignedIn)
            .Resolve(c => ProfileFields.RolesOf(c.Source));
    }
}
