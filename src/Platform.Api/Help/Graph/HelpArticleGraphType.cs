using GraphQL;
using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Identity;
using Platform.Projections.Help;

namespace Platform.Api.Help.Graph;

/// <summary>Readers get the published text; admins the latest draft as well.</summary>
public sealed class HelpArticleGraphType : ObjectGraphType<HelpArticleView>
{
    public HelpArticleGraphType()
    {
        Name = "HelpArticle";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(a => a.Collection);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.PublishedTitle);
        Field<NonNullGraphType<StringGraphType>>("body").Description("Markdown, as published.").Resolve(c => c.Source.PublishedBody);
        Field(a => a.Published);
        Field(a => a.UpdatedAt);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The latest version written.").Resolve(c => c.Source.LatestVersion);
        Field<HelpArticleDraftGraphType>("draft").Description("Admins only: the latest version as written.")
            .Resolve(c => c.Caller().Holds(Role.Admin) ? c.Source : null);
        Field<NonNullGraphType<IntGraphType>>("helpfulCount").ResolveAsync(async c =>
            (await c.Reads().LoadAsync<HelpArticleVotes>(c.Source.Id, c.CancellationToken))?.Helpful ?? 0);
        Field<NonNullGraphType<IntGraphType>>("notHelpfulCount").ResolveAsync(async c =>
            (await c.Reads().LoadAsync<HelpArticleVotes>(c.Source.Id, c.CancellationToken))?.NotHelpful ?? 0);
    }
}
