using GraphQL.Types;
using Marten;
using Platform.Contracts.Payouts;

namespace Platform.Api.Payouts;

/// <summary>The Payouts module's table of contents: payout accounts, earnings and payouts to creators.</summary>
public static class PayoutsConfiguration
{
    public static WebApplicationBuilder AddPayouts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Payouts").Get<PayoutOptions>() ?? new PayoutOptions());
        builder.Services.AddHostedService<ScheduleStarter>();
        // Stored events are matched by these names first; events written before the accounts' events moved here from
        // Platform.Contracts.Commerce carry the old .NET type name, which only that match resolves.
        builder.Services.ConfigureMarten(options => options.Events.AddEventTypes([typeof(PayoutAccountOpened), typeof(PayoutAccountUpdated)]));
        return builder;
    }

    public static void AddPayoutsQueries(this ObjectGraphType query)
    {
        query.AddEarningsQuery();
        query.AddPayoutsQuery();
        query.AddPayoutQuery();
    }
}

/// <summary>The <c>Payouts</c> configuration section.</summary>
public sealed class PayoutOptions
{
    /// <summary>How often payouts run with the local provider (Stripe pays connected accounts on its own schedule).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Sales younger than this are pending: refunds are most likely then.</summary>
    public TimeSpan HoldPeriod { get; set; } = TimeSpan.FromDays(7);
}
