using GraphQL.Types;
using Marten;
using Platform.Projections.Moderation;

namespace Platform.Api.Moderation;

/// <summary>The <c>Moderation</c> configuration section.</summary>
public sealed class ModerationOptions
{
    /// <summary>Distinct members with open reports on a post or comment before it is hidden until a moderator decides, in a community
    /// whose creator has not chosen (<c>setAutoHideThreshold</c>).</summary>
    public int AutoHideThreshold { get; set; } = ModerationCases.DefaultAutoHideThreshold;
    /// <summary>Reports one member may send within <see cref="ReportWindow"/>: a flood of reports is abuse of the queue.</summary>
    public int MaxReportsPerWindow { get; set; } = 20;
    public TimeSpan ReportWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>MODQ: reports, the queue, decisions, restores and appeals; one case stream per reported target.</summary>
public static class ModerationConfiguration
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Moderation").Get<ModerationOptions>() ?? new ModerationOptions());
        builder.Services.ConfigureMarten(options => options.AddModerationProjections());
        return builder;
    }

    public static void AddModerationQueries(this ObjectGraphType query)
    {
        query.AddModerationQueue();
        query.AddModerationLog();
    }

    public static void AddModerationSubscriptions(this ObjectGraphType subscription) => subscription.AddReportAdded();

    public static void AddModerationMutations(this ObjectGraphType mutation)
    {
        mutation.AddReportContent();
        mutation.AddResolveReport();
        mutation.AddRestoreContent();
        mutation.AddAppealModeration();
        mutation.AddSetAutoHideThreshold();
    }
}
