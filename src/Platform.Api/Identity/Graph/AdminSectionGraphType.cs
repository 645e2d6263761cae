using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Communities.Graph;
using Platform.Projections.Communities;

namespace Platform.Api.Identity.Graph;

public sealed class AdminSectionGraphType : ObjectGraphType<Caller>
{
    public AdminSectionGraphType()
    {
        Name = "AdminSection";
        Field<NonNullGraphType<IntGraphType>>("userCount").ResolveAsync(async c => await c.Reads().Query<UserAccount>().CountAsync(c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("communityCount").ResolveAsync(async c => await c.Reads().Query<CommunityCard>().CountAsync(c.CancellationToken));
    }
}
