using JasperFx.Events.Projections;
using Marten;

namespace Platform.Projections.Help;

public static class HelpProjections
{
    public static StoreOptions AddHelpProjections(this StoreOptions options)
    {
        options.Projections.Add<HelpArticleViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<HelpArticleVotesProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<TicketViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<TicketView>().Duplicate(t => t.UpdatedAt).Index(t => t.CustomerId).Index(t => t.Category);
        return options;
    }
}
