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

public sealed class MemberSectionGraphType : ObjectGraphType<Caller>
{
    public MemberSectionGraphType()
    {
        Name = "MemberSection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MembershipGraphType>>>>("memberships")
            .Description("The caller's memberships, active and pending.")
            .ResolveAsync(async c =>
            {
                var userId = c.Source.UserId!.Value;
                return await c.Reads().Query<MembershipView>().Where(m => m.UserId == userId).ToListAsync(c.CancellationToken);
            });
    }
}
