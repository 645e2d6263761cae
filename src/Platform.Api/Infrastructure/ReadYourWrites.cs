using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Marten.Services;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Read-your-writes for the async read models (see docs/architecture.md, "Write models and read models"). A Marten listener
/// notes the highest event sequence each user's commits reached on this node; a read of an async read model first waits,
/// bounded by <see cref="Bound"/>, until the daemon has applied that sequence to the model. Readers that wrote nothing
/// lately, or whose writes the daemon has already applied, read at once with one progress query at most.
/// </summary>
public sealed class ReadYourWrites(ILogger<ReadYourWrites> log)
{
    /// <summary>How long a read waits for the daemon before it answers with what is there.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);
    private readonly ConcurrentDictionary<Guid, long> committed = new();

    /// <summary>The listener to add to the store: Wolverine relays the caller's id into each command session's <c>LastModifiedBy</c>.</summary>
    public IDocumentSessionListener Listener => new CommitListener(this);

    /// <summary>Waits until the async projection <paramref name="projection"/> has applied the user's last commit here (at most <see cref="Bound"/>).</summary>
    public async Task Wait(IQuerySession reads, Guid? userId, string projection, CancellationToken cancellation)
    {
        if (userId is not { } user || !committed.TryGetValue(user, out var sequence)) return;
        var started = Stopwatch.GetTimestamp();
        var prefix = projection + ":";
        while (true)
        {
            var progress = await reads.DocumentStore.Advanced.AllProjectionProgress(token: cancellation);
            var reached = progress.Where(s => s.ShardName.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s.Sequence).DefaultIfEmpty(0).Min();
            if (reached >= sequence)
            {
                // Once every async model has the commit, the note has done its work (a later commit may have replaced it: keep that one).
                if (progress.All(s => s.Sequence >= sequence)) committed.TryRemove(KeyValuePair.Create(user, sequence));
                return;
            }
            if (Stopwatch.GetElapsedTime(started) > Bound)
            {
                log.LogWarning("Read of {Projection} for {UserId} answered before the daemon reached {Sequence} (at {Reached})", projection, user, sequence, reached);
                return;
            }
            await Task.Delay(PollEvery, cancellation);
        }
    }

    private void Note(Guid user, long sequence) => committed.AddOrUpdate(user, sequence, (_, known) => Math.Max(known, sequence));

    private sealed class CommitListener(ReadYourWrites owner) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (Guid.TryParse(session.LastModifiedBy, out var user))
            {
                var highest = commit.GetEvents().Select(e => e.Sequence).DefaultIfEmpty(0).Max();
                if (highest > 0) owner.Note(user, highest);
            }
            return Task.CompletedTask;
        }
    }
}
