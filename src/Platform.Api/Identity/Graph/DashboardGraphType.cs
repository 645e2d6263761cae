using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;
using Platform.Api.Communities.Graph;
using Platform.Projections.Communities;
using Platform.Api.Analytics;

namespace Platform.Api.Identity.Graph;

/// <summary>The multi-role dashboard (DASH): one section per role the caller holds, null for the others.</summary>
public sealed class DashboardGraphType : ObjectGraphType<DashboardReads>
{
    public DashboardGraphType()
    {
        Name = "Dashboard";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<Role>>>>>("roles")
            .Description("The roles this dashboard has sections for.")
            .Resolve(c => ProfileFields.RolesOf(c.Source.Caller.Account!).Select(g => g.Role).Distinct());
        Field<MemberSectionGraphType>("member").ResolveAsync(async c =>
            await DashboardSections.Member(c.RequestServices!, c.Source.Caller, c.Source.MemberAsked, c.CancellationToken));
        Field<CommunitiesSectionGraphType>("creator").ResolveAsync(async c => await c.Source.Creator);
        Field<CommunitiesSectionGraphType>("moderator").ResolveAsync(async c => await c.Source.Moderator);
        Field<AdminSectionGraphType>("admin").Resolve(c => c.Source.Caller.Holds(Role.Admin) ? c.Source.Caller : null);
        Field<FinanceSectionGraphType>("finance").Resolve(c => c.Source.Caller.Holds(Role.Finance) ? c.Source.Caller : null);
    }
}

