using JasperFx.CommandLine;
using Marten.Events;
using Marten;
using Platform.Projections.Social;

namespace Platform.Api.Social.Stream;

/// <summary>
/// <c>dotnet run --project src/Platform.Api -- feeds-backfill</c>: replays the event history into the configured feeds.
/// Every activity keeps the foreign_id and time it was first sent with, so a backfill over feeds that already hold
/// some of it adds nothing twice.
/// </summary>
[Description("Re-publishes the feed history into the configured feed provider, idempotently", Name = "feeds-backfill")]
public sealed class FeedsBackfillCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public const int PageSize = 500;

    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var feeds = host.Services.GetRequiredService<IFeeds>();
        var count = await Backfill(store, feeds, CancellationToken.None);
        Console.WriteLine($"Re-published the feed changes of {count} events.");
        return true;
    }

    public static async Task<long> Backfill(IDocumentStore store, IFeeds feeds, CancellationToken cancellation)
    {
        await using var reads = store.QuerySession();
        long after = 0, count = 0;
        while (true)
        {
            var page = await reads.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.EventTypesAre(StreamFanoutHandler.Sources))
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellation);
            if (page.Count == 0) return count;
            var changes = new List<FeedChange>();
            foreach (var e in page) changes.AddRange(await StreamFanoutHandler.Changes(e, reads, cancellation));
            await changes.ApplyTo(feeds, cancellation);
            (after, count) = (page[^1].Sequence, count + page.Count);
        }
    }
}
