using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Projections.Help;

namespace Platform.Api.Help;

public sealed record WriteHelpArticleInput(Guid? ArticleId, string Collection, string Title, string Body);

public sealed class WriteHelpArticleInputGraphType : InputObjectGraphType<WriteHelpArticleInput>
{
    public WriteHelpArticleInputGraphType()
    {
        Name = "WriteHelpArticleInput";
        Field(i => i.ArticleId, type: typeof(IdGraphType)).Description("A new version of this article; omitted: a new article (a draft).");
        Field(i => i.Collection);
        Field(i => i.Title);
        Field(i => i.Body).Description("Markdown.");
    }
}

public sealed record WriteHelpArticle(Guid ArticleId, bool IsNew, WriteHelpArticleInput Input, Guid WrittenBy);

public static class WriteHelpArticleHandler
{
    public static async Task Handle(WriteHelpArticle command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var (input, now) = (command.Input, clock.GetUtcNow());
        if (command.IsNew)
        {
            session.Events.StartStream<HelpArticle>(command.ArticleId, HelpArticles.Write(null, command.ArticleId, input.Collection, input.Title, input.Body, command.WrittenBy, now));
            return;
        }
        var stream = await session.Events.FetchForWriting<HelpArticle>(command.ArticleId, cancellation);
        if (stream.Aggregate is null) throw Infrastructure.DomainException.NotFound("The article");
        stream.AppendOne(HelpArticles.Write(stream.Aggregate, command.ArticleId, input.Collection, input.Title, input.Body, command.WrittenBy, now));
    }
}

public static class WriteHelpArticleField
{
    public static void AddWriteHelpArticle(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<HelpArticleGraphType>>("writeHelpArticle")
            .Description("Writes a new article or a new version of one; readers keep seeing the published version until it is published again.")
            .Argument<NonNullGraphType<WriteHelpArticleInputGraphType>>("input")
            .Allow(Audience.Admin)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<WriteHelpArticleInput>("input");
                var command = new WriteHelpArticle(input.ArticleId ?? Guid.CreateVersion7(), input.ArticleId is null, input, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await c.Reads().LoadAsync<HelpArticleView>(command.ArticleId, c.CancellationToken);
            });
}
