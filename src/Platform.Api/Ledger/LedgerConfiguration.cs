using GraphQL.Types;

namespace Platform.Api.Ledger;

/// <summary>The Ledger module's table of contents: payout options, the recurring schedules and its GraphQL fields.</summary>
public static class LedgerConfiguration
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Payouts").Get<PayoutOptions>() ?? new PayoutOptions());
        builder.Services.AddHostedService<ScheduleStarter>();
        return builder;
    }

    public static void AddLedgerQueries(this ObjectGraphType query)
    {
        query.AddEarningsQuery();
        query.AddPayoutsQuery();
        query.AddPayoutQuery();
        query.AddLedgerQuery();
        query.AddReconciliationQuery();
    }
}
