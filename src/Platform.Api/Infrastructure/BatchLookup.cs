using System.Linq.Expressions;
using Marten;

namespace Platform.Api.Infrastructure;

/// <summary>
/// The one way to avoid an N+1 within a request: a list resolver primes a page's keys with one query (<see cref="Prime"/>),
/// and each item's field then reads memory (<see cref="Get"/>). One instance per request (scoped), so nothing outlives it.
/// </summary>
public abstract class BatchLookup<TValue>
{
    private readonly Dictionary<Guid, TValue> known = [];

    /// <summary>Loads the values of keys not known yet, in one query; a key without a value gets <see cref="Missing"/>.</summary>
    public async Task Prime(IEnumerable<Guid> keys, CancellationToken cancellation)
    {
        var missing = keys.Where(key => !known.ContainsKey(key)).Distinct().ToArray();
        if (missing.Length == 0) return;
        var found = await LoadMany(missing, cancellation);
        foreach (var key in missing) known[key] = found.TryGetValue(key, out var value) ? value : Missing;
    }

    public async Task<TValue> Get(Guid key, CancellationToken cancellation)
    {
        await Prime([key], cancellation);
        return known[key];
    }

    protected abstract Task<IReadOnlyDictionary<Guid, TValue>> LoadMany(Guid[] keys, CancellationToken cancellation);

    protected abstract TValue Missing { get; }
}

/// <summary>Documents by their <c>Id</c>, loaded with one <c>id = ANY(...)</c> query per batch.</summary>
public class DocumentLookup<T>(IQuerySession reads) : BatchLookup<T?> where T : class
{
    // Every document here keys on a Guid property named Id, as Marten's default identity does.
    private static readonly Func<T, Guid> IdOf = CompileIdOf();

    private static Func<T, Guid> CompileIdOf()
    {
        var document = Expression.Parameter(typeof(T), "document");
        return Expression.Lambda<Func<T, Guid>>(Expression.Property(document, "Id"), document).Compile();
    }

    protected override async Task<IReadOnlyDictionary<Guid, T?>> LoadMany(Guid[] keys, CancellationToken cancellation) =>
        (await reads.LoadManyAsync<T>(cancellation, keys)).ToDictionary(IdOf, d => (T?)d);

    protected override T? Missing => null;
}
