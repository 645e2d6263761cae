using Marten;
using Platform.Projections.Identity;

namespace Platform.Api.Identity;

/// <summary>
/// Users by id for one request: a list resolver loads a page's users in one query (<see cref="Prime"/>),
/// so each item's <c>user</c> field reads memory instead of the database (no N+1).
/// </summary>
public sealed class UserLookup(IQuerySession reads)
{
    private readonly Dictionary<Guid, UserAccount?> known = [];

    public async Task Prime(IEnumerable<Guid> ids, CancellationToken cancellation)
    {
        var missing = ids.Where(id => !known.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length == 0) return;
        var found = (await reads.LoadManyAsync<UserAccount>(cancellation, missing)).ToDictionary(u => u.Id);
        foreach (var id in missing) known[id] = found.GetValueOrDefault(id);
    }

    public async Task<UserAccount?> Get(Guid id, CancellationToken cancellation)
    {
        await Prime([id], cancellation);
        return known[id];
    }
}
