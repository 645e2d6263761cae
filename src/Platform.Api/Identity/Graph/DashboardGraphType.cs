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

/// <summary>The multi-role dashboard (DASH): one section per role the caller holds, null for the others.</summary>
public sealed class DashboardGraphType : ObjectGraphType<Caller>
{
    public DashboardGraphType()
    {
        Name = "Dashboard";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<Role>>>>>("roles")
            .Description("The roles this dashboard has sections for.")
            .Resolve(c => ProfileFields.RolesOf(c.Source.Account!).Select(g => g.Role).Distinct());
        Field<MemberSectionGraphType>("member").Resolve(c => c.Source.IsSignedIn ? c.Source : null);
        Field<CommunitiesSectionGraphType>("creator").Resolve(c => Section(c.Source, Role.Creator));
        Field<CommunitiesSectionGraphType>("moderator").Resolve(c => Section(c.Source, Role.Moderator));
        Field<AdminSectionGraphType>("admin").Resolve(c => c.Source.Holds(Role.Admin) ? c.Source : null);
        Field<FinanceSectionGraphType>("finance").Resolve(c => c.Source.Holds(Role.Finance) ? c.Source : null);
    }

    private static CommunitiesSection? Section(Caller caller, Role role) =>
        caller.Holds(role) ? new CommunitiesSection(role, caller.UserId!.Value, caller.Account!.Grants.Where(g => g.Role == role).Select(g => g.CommunityId!.Value).ToList()) : null;
}

public sealed record CommunitiesSection(Role Role, Guid UserId, IReadOnlyList<Guid> CommunityIds);
