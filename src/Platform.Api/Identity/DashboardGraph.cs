using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Communities.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>The multi-role dashboard (DASH): one section per role the caller holds, null for the others.</summary>
public sealed class DashboardGraphType : ObjectGraphType<Caller>
{
    public DashboardGraphType()
    {
        Name = "Dashboard";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<Role>>>>>("roles")
            .Description("The roles this dashboard has sections for.")
            .Resolve(c => IdentityGraph.RolesOf(c.Source.Account!).Select(g => g.Role).Distinct());
        Field<MemberSectionGraphType>("member").Resolve(c => c.Source.IsSignedIn ? c.Source : null);
        Field<CommunitiesSectionGraphType>("creator").Resolve(c => Section(c.Source, Role.Creator));
        Field<CommunitiesSectionGraphType>("moderator").Resolve(c => Section(c.Source, Role.Moderator));
        Field<AdminSectionGraphType>("admin").Resolve(c => c.Source.Holds(Role.Admin) ? c.Source : null);
        Field<FinanceSectionGraphType>("finance").Resolve(c => c.Source.Holds(Role.Finance) ? c.Source : null);
    }

    private static CommunitiesSection? Section(Caller caller, Role role) =>
        caller.Holds(role) ? new CommunitiesSection(caller.Account!.Grants.Where(g => g.Role == role).Select(g => g.CommunityId!.Value).ToList()) : null;
}

public sealed record CommunitiesSection(IReadOnlyList<Guid> CommunityIds);

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

public sealed class CommunitiesSectionGraphType : ObjectGraphType<CommunitiesSection>
{
    public CommunitiesSectionGraphType()
    {
        Name = "CommunitiesSection";
        Description = "The communities in which the caller holds the section's role.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommunityGraphType>>>>("communities")
            .ResolveAsync(async c => await c.Reads().LoadManyAsync<CommunityCard>(c.CancellationToken, c.Source.CommunityIds));
    }
}

public sealed class AdminSectionGraphType : ObjectGraphType<Caller>
{
    public AdminSectionGraphType()
    {
        Name = "AdminSection";
        Field<NonNullGraphType<IntGraphType>>("userCount").ResolveAsync(async c => await c.Reads().Query<UserAccount>().CountAsync(c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("communityCount").ResolveAsync(async c => await c.Reads().Query<CommunityCard>().CountAsync(c.CancellationToken));
    }
}

public sealed class FinanceSectionGraphType : ObjectGraphType<Caller>
{
    public FinanceSectionGraphType()
    {
        Name = "FinanceSection";
        Field<NonNullGraphType<LongGraphType>>("eventCount").Description("Events in the store: everything the audit trail can show.")
            .ResolveAsync(async c => (await c.Reads().DocumentStore.Advanced.FetchEventStoreStatistics(token: c.CancellationToken)).EventCount);
    }
}
