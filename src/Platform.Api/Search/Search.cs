using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using Npgsql;
using NpgsqlTypes;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Search.Graph;
using Platform.Projections.Search;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Search;

/// <summary>One search result: <c>Snippet</c> is HTML-escaped text with the matched words in &lt;mark&gt;.</summary>
public sealed record SearchHit(SearchKind Kind, Guid Id, string Title, string Snippet, Guid? CommunityId, Guid? CourseId, Guid? PostId, double Rank);

public static partial class SearchQuery
{
    public const int MaxTextLength = 200;
    public const int MaxFirst = 50;
    private const int MaxWords = 8;

    /// <summary>
    /// Every word must match (stemmed, in English), the last one as a prefix for type-ahead: "guitar bui" finds "building
    /// guitars". Null when the text has no word.
    /// </summary>
    public static string? TsQuery(string text)
    {
        var words = Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Take(MaxWords).ToList();
        return words.Count == 0 ? null : string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w}:*" : w));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]{1,50}")]
    private static partial Regex Word();

    /// <summary>
    /// Ranked by weighted full text (title A, body B), plus a little for a title that is close in spelling; a title within a typo
    /// or two of the text matches even without a full-text hit (pg_trgm's word similarity).
    /// </summary>
    private const string Sql = $"""
        with q as (select to_tsquery('english', @tsquery) as query)
        select e.data ->> 'Kind', e.data ->> 'TargetId', e.data ->> 'Title',
            ts_headline('english', replace(replace(replace(coalesce(nullif(e.data ->> 'Body', ''), e.data ->> 'Title'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                q.query, 'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=8, MaxFragments=2'),
            e.data ->> 'CommunityId', e.data ->> 'CourseId', e.data ->> 'PostId',
            ts_rank(setweight(to_tsvector('english', coalesce(e.data ->> 'Title', '')), 'A') || setweight(to_tsvector('english', coalesce(e.data ->> 'Body', '')), 'B'), q.query)
                + 0.1 * word_similarity(@text, e.data ->> 'Title') as rank
        from platform.mt_doc_searchentry e, q
        where (to_tsvector('english'::regconfig, ((data ->> 'Title') || ' ' || (data ->> 'Body'))) @@ q.query
               or word_similarity(@text, e.data ->> 'Title') >= 0.5)
          and e.data ->> 'Kind' = any(@kinds)
          and {SearchAccess.VisibleSql}
        order by rank desc, e.id
        limit @first
        """;

    public static async Task<IReadOnlyList<SearchHit>> Run(NpgsqlDataSource database, string text, IReadOnlyCollection<SearchKind> kinds, int first,
        SearchScope scope, CancellationToken cancellation)
    {
        if (TsQuery(text) is not { } tsquery) return [];
        await using var command = database.CreateCommand(Sql);
        command.Parameters.AddWithValue("tsquery", tsquery);
        command.Parameters.AddWithValue("text", text.ToLowerInvariant());
        command.Parameters.AddWithValue("kinds", kinds.Select(k => k.ToString()).ToArray());
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("hidden", NpgsqlDbType.Array | NpgsqlDbType.Uuid, scope.HiddenCommunities);
        command.Parameters.AddWithValue("creator_of", NpgsqlDbType.Array | NpgsqlDbType.Uuid, scope.CreatorOf);
        command.Parameters.AddWithValue("staff", scope.IsStaff);
        command.Parameters.AddWithValue("staff_of", NpgsqlDbType.Array | NpgsqlDbType.Uuid, scope.StaffOf);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellation))
            hits.Add(new SearchHit(Enum.Parse<SearchKind>(reader.GetString(0)), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                OptionalId(reader, 4), OptionalId(reader, 5), OptionalId(reader, 6), reader.GetDouble(7)));
        return hits;

        static Guid? OptionalId(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : Guid.Parse(reader.GetString(column));
    }

    public static void AddSearch(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchHitGraphType>>>>("search")
            .Description("Communities, courses, lessons, posts, comments, members and help articles the caller may see, best match first.")
            .Argument<NonNullGraphType<StringGraphType>>("text", $"Words to find, the last one as a prefix; at most {MaxTextLength} characters.")
            .Argument<ListGraphType<NonNullGraphType<EnumerationGraphType<SearchKind>>>>("kinds", "Only these kinds (default: all).")
            .Argument<IntGraphType>("first", $"At most {MaxFirst}; default 20.")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var text = c.GetArgument<string>("text");
                if (text.Length > MaxTextLength) throw DomainException.Invalid($"Search for at most {MaxTextLength} characters.");
                var first = c.GetArgument<int?>("first") ?? 20;
                if (first is < 1 or > MaxFirst) throw DomainException.Invalid($"'first' is between 1 and {MaxFirst}.");
                var kinds = c.GetArgument<List<SearchKind>?>("kinds") is { Count: > 0 } some ? some.Distinct().ToList() : [.. Enum.GetValues<SearchKind>()];
                var scope = await SearchAccess.For(c.Reads(), c.Caller(), c.CancellationToken);
                return await Run(c.RequestServices!.GetRequiredService<NpgsqlDataSource>(), text, kinds, first, scope, c.CancellationToken);
            });
}
