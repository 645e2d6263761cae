using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Help.Graph;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Projections.Help;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Help;

public static class HelpArticleQueries
{
    public const int MaxSearch = 200;

    /// <summary>
    /// PostgreSQL full-text search over the published text, the title weighing more than the body, best match first
    /// (<c>websearch_to_tsquery</c>: words, "phrases", -exclusions; never a syntax error). Empty means no filter. A help
    /// centre holds hundreds of articles, so the vectors are computed per query rather than kept in an index.
    /// </summary>
    public static async Task<IReadOnlyList<HelpArticleView>> Search(IQuerySession reads, string? search, string? collection, int first, CancellationToken cancellation)
    {
        var table = reads.DocumentStore.Options.FindOrResolveDocumentType(typeof(HelpArticleView)).TableName.QualifiedName;
        const string document = "setweight(to_tsvector('english', data ->> 'PublishedTitle'), 'A') || setweight(to_tsvector('english', data ->> 'PublishedBody'), 'B')";
        return await reads.QueryAsync<HelpArticleView>(
            $"""
             select data from {table}
             where (data ->> 'Published')::boolean and (? = '' or data ->> 'Collection' = ?)
               and (? = '' or ({document}) @@ websearch_to_tsquery('english', ?))
             order by case when ? = '' then 0 else ts_rank({document}, websearch_to_tsquery('english', ?)) end desc,
                      data ->> 'PublishedTitle'
             limit ?
             """, cancellation, collection ?? "", collection ?? "", search ?? "", search ?? "", search ?? "", search ?? "", first);
    }

    public static void AddHelpArticles(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<HelpArticleGraphType>>>>("helpArticles")
            .Description("Published help articles; with search, those matching its words, most relevant first; otherwise by title.")
            .Argument<StringGraphType>("search")
            .Argument<StringGraphType>("collection")
            .Argument<IntGraphType>("first")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                var search = c.GetArgument<string?>("search")?.Trim();
                if (search?.Length > MaxSearch) throw DomainException.Invalid($"A search has at most {MaxSearch} characters.");
                return await Search(c.Reads(), string.IsNullOrEmpty(search) ? null : search, c.GetArgument<string?>("collection"),
                    Cursor.PageSize(c.GetArgument<int?>("first")), c.CancellationToken);
            });

    public static void AddHelpArticle(this ObjectGraphType query) =>
        query.Field<HelpArticleGraphType>("helpArticle")
            .Description("One article: readers see published ones, admins drafts too.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Allow(Everyone)
            .ResolveAsync(async c =>
                await c.Reads().LoadAsync<HelpArticleView>(c.IdArgument("id"), c.CancellationToken) is { } article
                && (article.Published || c.Caller().Holds(Role.Admin))
                    ? article
                    : throw DomainException.NotFound("The article"));
}
