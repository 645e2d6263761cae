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
using Platform.Api.Analytics.Graph;

namespace Platform.Api.Identity.Graph;

public sealed class FinanceSectionGraphType : ObjectGraphType<Caller>
{
    public FinanceSectionGraphType()
    {
        Name = "FinanceSection";
        Field<NonNullGraphType<LongGraphType>>("eventCount").Description("Events in the store: everything the audit trail can show.")
            .ResolveAsync(async c => (await c.Reads().DocumentStore.Advanced.FetchEventStoreStatistics(token: c.CancellationToken)).EventCount);
        Field<NonNullGraphType<FinanceBacklogGraphType>>("backlog").Description("Pending refunds, open disputes and payouts in transit.")
            .ResolveAsync(async c => await DashboardFigures.Finance(c.Reads(), c.CancellationToken));
        Field<LastReconciliationGraphType>("lastReconciliation").Description("The latest reconciliation of the ledger against the provider; null before the first.")
            .ResolveAsync(async c => await DashboardFigures.LastReconciliation(c.Reads(), c.CancellationToken));
    }
}
