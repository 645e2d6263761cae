using GraphQL.Types;
using Marten;
using Platform.Contracts.Admin;
using Platform.Projections.Admin;

namespace Platform.Api.Admin;

/// <summary>ADMN: platform figures, featured communities, suspended users and system health with dead-letter replay.</summary>
public static class AdminConfiguration
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options =>
        {
            options.AddAdminProjections();
            options.Events.AddEventTypes([typeof(DeadLetterReplayed), typeof(DeadLetterDiscarded)]);
        });
        return builder;
    }

    public static void AddAdminQueries(this ObjectGraphType query)
    {
        query.AddPlatformStats();
        query.AddSystemHealth();
    }

    public static void AddAdminMutations(this ObjectGraphType mutation)
    {
        mutation.AddFeatureCommunity(featured: true);
        mutation.AddFeatureCommunity(featured: false);
        mutation.AddSuspendUser();
        mutation.AddUnsuspendUser();
        mutation.AddReplayDeadLetter();
        mutation.AddDiscardDeadLetter();
    }
}
