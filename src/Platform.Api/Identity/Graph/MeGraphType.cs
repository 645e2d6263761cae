using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity.Graph;

/// <summary>The caller, with everything only they see.</summary>
public sealed class MeGraphType : ObjectGraphType<UserAccount>
{
    public MeGraphType()
    {
        Name = "Me";
        this.AddProfileFields();
        Field(u => u.Email, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleGrantGraphType>>>>("roles")
            .Description("MEMBER always; the platform and community roles granted to the caller.")
            .Resolve(c => ProfileFields.RolesOf(c.Source));
        Field<NonNullGraphType<DashboardGraphType>>("dashboard").Resolve(c => Analytics.DashboardReads.Start(c, c.RequestServices!.GetRequiredService<Caller>()));
    }
}
