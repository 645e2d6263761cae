using System.Linq.Expressions;
using Marten;
using Marten.Services.BatchQuerying;

namespace Platform.Api.Infrastructure;

/// <summary>
/// The one way to avoid an N+1 within a request: a list resolver primes a page's keys with one query (<see cref="Prime"/>), or queues
/// them with other reads on one batch (<see cref="Queue"/>), and each item's field then reads memory (<see cref="Get"/>). One instance
/// per request (scoped), so nothing outlives it.
/// </summary>
public abstract class BatchLookup<TValue>(IQuerySession reads)
{
    private readonly Dictionary<Guid, TValue> known = [];

    /// <summary>Loads the values of keys not known yet, in one query; a key without a value gets <see cref="Missing"/>.</summary>
    public async Task Prime(IEnumerable<Guid> keys, CancellationToken cancellation)
    {
        var batch = reads.CreateBatchQuery();
        var loading = Queue(batch, keys);
        if (loading.IsCompleted) return;
        await batch.Execute(cancellation);
        await loading;
    }

    /// <summary>
    /// Queues the load of the keys not known yet on <paramref name="batch"/>, so that a page's lookups share one round trip; the task
    /// completes once the caller has executed the batch.
    /// </summary>
    public Task Queue(IBatchedQuery batch, IEnumerable<Guid> keys)
    {
        var missing = keys.Where(key => !known.ContainsKey(key)).Distinct().ToArray();
        return missing.Length == 0 ? Task.CompletedTask : Remember(missing, LoadMany(batch, missing));
    }

    private async Task Remember(Guid[] keys, Task<IReadOnlyDictionary<Guid, TValue>> loading)
    {
        var found = await loading;
        foreach (var key in keys) known[key] = found.TryGetValue(key, out var value) ? value : Missing;
    }

    public async Task<TValue> Get(Guid key, CancellationToken cancellation)
    {
        await Prime([key], cancellation);
        return known[key];
    }

    /// <summary>Queues one query for the values of <paramref name="keys"/> on the batch.</summary>
    protected abstract Task<IReadOnlyDictionary<Guid, TValue>> LoadMany(IBatchedQuery batch, Guid[] keys);

    protected abstract TValue Missing { get; }
}

/// <summary>Documents by their <c>Id</c>, loaded with one <c>id = ANY(...)</c> query per batch.</summary>
public class DocumentLookup<T>(IQuerySession reads) : BatchLookup<T?>(reads) where T : class
{
    // Every document here keys on a Guid property named Id, as Marten's default identity does.
    private static readonly Func<T, Guid> IdOf = CompileIdOf();

    private static Func<T, Guid> CompileIdOf()
    {
        var document = Expression.Parameter(typeof(T), "document");
        return Expression.Lambda<Func<T, Guid>>(Expression.Property(document, "Id"), document).Compile();
    }

    protected override async Task<IReadOnlyDictionary<Guid, T?>> LoadMany(IBatchedQuery batch, Guid[] keys) =>
        (await batch.LoadMany<T>().ById(keys)).ToDictionary(IdOf, d => (T?)d);

    protected override T? Missing => null;
}
