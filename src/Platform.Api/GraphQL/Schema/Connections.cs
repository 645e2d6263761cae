using System.Linq.Expressions;
using System.Text;
using GraphQL;
using Marten;
using Marten.Linq.MatchesSql;
using GraphQL.Types;

namespace Platform.Api.GraphQL.Schema;

/// <summary>One page of a Relay-style connection; cursors are opaque to clients.</summary>
public sealed record Page<T>(IReadOnlyList<(string Cursor, T Node)> Edges, bool HasNextPage)
{
    public string? EndCursor => Edges.Count == 0 ? null : Edges[^1].Cursor;

    /// <summary>Builds a page from up to first+1 rows (the extra row only tells whether there is a next page).</summary>
    public static Page<T> From(IReadOnlyList<T> rows, int first, Func<T, long> key) =>
        new(rows.Take(first).Select(r => (Cursor.Encode(key(r)), r)).ToList(), rows.Count > first);
}

public static class Cursor
{
    /// <summary>
    /// One page of <paramref name="query"/>, newest first by (<paramref name="time"/>, document id), after the field's
    /// <c>after</c> cursor and <c>first</c> size: the one way lists keyed by a moment are paged. The id breaks ties, so
    /// two rows of the same moment on either side of a page boundary are neither skipped nor repeated.
    /// </summary>
    public static async Task<Page<T>> NewestFirst<T>(this IQueryable<T> query, IResolveFieldContext context,
        Expression<Func<T, DateTimeOffset>> time, Expression<Func<T, Guid>> id) where T : notnull
    {
        var first = PageSize(context.GetArgument<int?>("first"));
        var member = ((MemberExpression)time.Body).Member.Name;
        if (DecodeMoment(context.GetArgument<string?>("after")) is var (at, lastId))
        {
            // Both sides are parsed by PostgreSQL from the same text, so they round to microseconds alike.
            var earlier = $"(CAST(d.data ->> '{member}' AS timestamptz), d.id) < (CAST(? AS timestamptz), ?)";
            query = query.Where(x => x.MatchesSql(earlier, at, lastId));
        }
        var rows = await query.OrderByDescending(time).ThenByDescending(id).Take(first + 1).ToListAsync(context.CancellationToken);
        var (timeOf, idOf) = (time.Compile(), id.Compile());
        return new Page<T>(rows.Take(first).Select(r => (EncodeMoment(timeOf(r), idOf(r)), r)).ToList(), rows.Count > first);
    }

    private static string EncodeMoment(DateTimeOffset time, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"t:{time.ToUniversalTime():O}|{id}"));

    private static (string Time, Guid Id)? DecodeMoment(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("t:", StringComparison.Ordinal) && text[2..].Split('|') is [var time, var id]
                && DateTimeOffset.TryParseExact(time, "O", null, System.Globalization.DateTimeStyles.None, out _) && Guid.TryParse(id, out var guid))
                return (time, guid);
        }
        catch (FormatException) { }
        throw Infrastructure.DomainException.Invalid("The cursor is not valid.");
    }

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static string Encode(long key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"k:{key}"));

    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("k:", StringComparison.Ordinal) && long.TryParse(text[2..], out var key)) return key;
        }
        catch (FormatException) { }
        throw Infrastructure.DomainException.Invalid("The cursor is not valid.");
    }

    public static int PageSize(int? first) => first switch
    {
        null => DefaultPageSize,
        < 1 or > MaxPageSize => throw Infrastructure.DomainException.Invalid($"'first' must be between 1 and {MaxPageSize}."),
        _ => first.Value,
    };
}

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field(p => p.HasNextPage);
        Field(p => p.EndCursor, nullable: true);
    }
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);

public sealed class EdgeGraphType<TNodeGraphType, T> : ObjectGraphType<(string Cursor, T Node)> where TNodeGraphType : IGraphType
{
    public EdgeGraphType()
    {
        Name = $"{typeof(TNodeGraphType).Name.Replace("GraphType", "")}Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeGraphType>>("node").Resolve(c => c.Source.Node);
    }
}

public sealed class ConnectionGraphType<TNodeGraphType, T> : ObjectGraphType<Page<T>> where TNodeGraphType : IGraphType
{
    public ConnectionGraphType()
    {
        Name = $"{typeof(TNodeGraphType).Name.Replace("GraphType", "")}Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeGraphType, T>>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeGraphType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.EndCursor));
    }
}
