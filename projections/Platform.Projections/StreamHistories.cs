using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;

namespace Platform.Projections;

/// <summary>
/// The earlier events of an event's own stream (a payment's purchase, a payout's creation, a reaction's author), for
/// projections that need them: read from the events, which a full rebuild never empties, rather than from read models that
/// it rebuilds at the same moment. A projection reads the histories of a whole page in one query from its
/// <c>EnrichEventsAsync</c>, which the daemon calls with the session it then applies the page with; they stay with that
/// session (one per page, so concurrent pages and projections never share an entry). Asked for an event outside a page read
/// that way (the Stream fan-out, one event at a time), it reads the one stream.
/// </summary>
public static class StreamHistories
{
    private static readonly ConditionalWeakTable<IQuerySession, ILookup<Guid, IEvent>> pages = new();

    /// <summary>Reads the streams of these events, once each, for the page <paramref name="session"/> applies.</summary>
    public static async Task Read(IQuerySession session, IEnumerable<IEvent> events, CancellationToken cancellation) =>
        pages.AddOrUpdate(session, await Query(session, events.Select(e => e.StreamId).Distinct().ToArray(), cancellation));

    /// <summary>The events of <paramref name="e"/>'s stream before it, oldest first.</summary>
    public static async Task<IReadOnlyList<IEvent>> Before(IQuerySession session, IEvent e, CancellationToken cancellation)
    {
        var history = pages.TryGetValue(session, out var page) && page.Contains(e.StreamId)
            ? page[e.StreamId]
            : (await Query(session, [e.StreamId], cancellation))[e.StreamId];
        return history.Where(x => x.Version < e.Version).ToList();
    }

    /// <summary>
    /// The events of these streams, oldest first, in one query: an unknown stream has none. One stream (a live command's
    /// save, most often) is fetched by Marten's prepared stream read, which skips compiling a LINQ query on the command path.
    /// </summary>
    public static async Task<ILookup<Guid, IEvent>> Query(IQuerySession session, Guid[] streams, CancellationToken cancellation) => streams switch
    {
        [] => Array.Empty<IEvent>().ToLookup(e => e.StreamId),
        [var one] => (await session.Events.FetchStreamAsync(one, token: cancellation)).ToLookup(e => e.StreamId),
        _ => (await session.Events.QueryAllRawEvents().Where(e => streams.Contains(e.StreamId)).OrderBy(e => e.Sequence).ToListAsync(cancellation))
            .ToLookup(e => e.StreamId),
    };
}
