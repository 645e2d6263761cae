using GraphQL.Types;
using Marten;
using Platform.Contracts.Ledger;

namespace Platform.Api.Ledger;

/// <summary>The Ledger module's table of contents: its event types and its GraphQL fields.</summary>
public static class LedgerConfiguration
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        // Stored events are matched by this name first; runs recorded before the event moved here from
        // Platform.Contracts.Payouts carry the old .NET type name, which only that match resolves.
        builder.Services.ConfigureMarten(options => options.Events.AddEventType<ReconciliationCompleted>());
        return builder;
    }

    public static void AddLedgerQueries(this ObjectGraphType query)
    {
        query.AddLedgerQuery();
        query.AddReconciliationQuery();
    }
}
