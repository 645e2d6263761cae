using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity.Graph;

public sealed class RoleGrantGraphType : ObjectGraphType<RoleGrant>
{
    public RoleGrantGraphType()
    {
        Name = "RoleGrant";
        Field<NonNullGraphType<EnumerationGraphType<Role>>>("role").Resolve(c => c.Source.Role);
        Field<IdGraphType>("communityId").Description("Set for roles held in one community (CREATOR, MODERATOR).").Resolve(c => c.Source.CommunityId);
    }
}
