using GraphQL.Types;
using Marten;
using Platform.Projections.Admin;

namespace Platform.Api.Admin;

/// <summary>ADMN: platform figures, featured communities and suspended users.</summary>
public static class AdminConfiguration
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options => options.AddAdminProjections());
        return builder;
    }

    public static void AddAdminQueries(this ObjectGraphType query) => query.AddPlatformStats();

    public static void AddAdminMutations(this ObjectGraphType mutation)
    {
        mutation.AddFeatureCommunity(featured: true);
        mutation.AddFeatureCommunity(featured: false);
        mutation.AddSuspendUser();
        mutation.AddUnsuspendUser();
    }
}
