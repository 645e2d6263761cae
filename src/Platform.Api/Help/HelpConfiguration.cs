using GraphQL.Types;
using Marten;
using Platform.Projections.Help;

namespace Platform.Api.Help;

/// <summary>The <c>Help</c> configuration section.</summary>
public sealed class HelpOptions
{
    /// <summary>A solved ticket closes this long after solving unless the customer answers first.</summary>
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>HELP: the help centre's articles (full-text search) and support tickets.</summary>
public static class HelpConfiguration
{
    public static WebApplicationBuilder AddHelp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Help").Get<HelpOptions>() ?? new HelpOptions());
        builder.Services.ConfigureMarten(options => options.AddHelpProjections());
        return builder;
    }

    public static void AddHelpQueries(this ObjectGraphType query)
    {
        query.AddHelpArticles();
        query.AddHelpArticle();
        query.AddTickets();
        query.AddTicket();
    }

    public static void AddHelpMutations(this ObjectGraphType mutation)
    {
        mutation.AddWriteHelpArticle();
        mutation.AddPublishHelpArticle();
        mutation.AddRateHelpArticle();
        mutation.AddOpenTicket();
        mutation.AddReplyToTicket();
        mutation.AddAssignTicket();
        mutation.AddSolveTicket();
    }
}
