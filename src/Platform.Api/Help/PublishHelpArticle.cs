using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Projections.Help;

namespace Platform.Api.Help;

public sealed record PublishHelpArticle(Guid ArticleId, bool Publish, Guid By);

public static class PublishHelpArticleHandler
{
    public static async Task Handle(PublishHelpArticle command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<HelpArticle>(command.ArticleId, cancellation);
        stream.AppendMany(HelpArticles.Publish(stream.Aggregate, command.Publish, command.By, clock.GetUtcNow()));
    }
}

public static class PublishHelpArticleField
{
    public static void AddPublishHelpArticle(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<HelpArticleGraphType>>("publishHelpArticle")
            .Description("Publishes the article's latest version, or with published: false takes it back to draft.")
            .Argument<NonNullGraphType<IdGraphType>>("articleId")
            .Argument<BooleanGraphType>("published", "Default true.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var articleId = c.IdArgument("articleId");
                await c.Commands().InvokeAsync(new PublishHelpArticle(articleId, c.GetArgument("published", true), c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<HelpArticleView>(articleId, c.CancellationToken);
            });
}
