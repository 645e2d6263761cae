using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Contracts;
using Platform.Projections.Help;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Help;

public sealed record RateHelpArticle(Guid ArticleId, Guid UserId, bool Helpful);

public static class RateHelpArticleHandler
{
    public static async Task Handle(RateHelpArticle command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var article = await session.Events.FetchLatest<HelpArticle>(command.ArticleId, cancellation);
        var vote = await session.Events.FetchForWriting<HelpVote>(DeterministicId.HelpVote(command.ArticleId, command.UserId), cancellation);
        vote.AppendMany(HelpArticles.Rate(article, vote.Aggregate, command.UserId, command.Helpful, clock.GetUtcNow()));
    }
}

public static class RateHelpArticleField
{
    public static void AddRateHelpArticle(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<HelpArticleGraphType>>("rateHelpArticle")
            .Description("\"Was this helpful?\": one answer per reader, which they may change. Counts follow shortly.")
            .Argument<NonNullGraphType<IdGraphType>>("articleId")
            .Argument<NonNullGraphType<BooleanGraphType>>("helpful")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var articleId = c.IdArgument("articleId");
                await c.Commands().InvokeAsync(new RateHelpArticle(articleId, c.UserId(), c.GetArgument<bool>("helpful")), c.CancellationToken);
                return await c.Reads().LoadAsync<HelpArticleView>(articleId, c.CancellationToken);
            });
}
