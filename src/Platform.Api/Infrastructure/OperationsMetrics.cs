using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;
using Npgsql;
using Platform.Contracts.Commerce;
using Wolverine.Persistence.Durability;

namespace Platform.Api.Infrastructure;

/// <summary>
/// Operational metrics on the <c>Platform.Operations</c> meter: payments by status (<c>platform.payments</c>),
/// async projection lag per shard (<c>platform.projection.lag</c>) and Wolverine's durable envelopes waiting
/// (<c>platform.queue.depth</c>).
/// </summary>
public static class OperationsMetrics
{
    public const string MeterName = "Platform.Operations";
    private static readonly Meter Meter = new(MeterName);
    public static readonly Counter<long> Payments = Meter.CreateCounter<long>(
        "platform.payments", "{payment}", "Committed payment facts by status: succeeded, failed, refunded, disputed.");

    /// <summary>The status a committed commerce event counts as, or none.</summary>
    public static string? PaymentStatus(object data) => data switch
    {
        PaymentSucceeded => "succeeded",
        PaymentFailed => "failed",
        PaymentRefunded => "refunded",
        DisputeOpened => "disputed",
        _ => null,
    };
}

/// <summary>
/// Counts payment facts after their transaction commits, on the node that committed them: a rolled-back append is
/// never counted, and each fact is counted once across nodes (a collector sums the nodes).
/// </summary>
public sealed class PaymentsCounter : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
            if (OperationsMetrics.PaymentStatus(e.Data) is { } status)
                OperationsMetrics.Payments.Add(1, new KeyValuePair<string, object?>("status", status));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The observable gauges, read from the database at collection time and cached for a few seconds so frequent scrapes
/// do not load it. Their meter belongs to this instance (made and disposed with the meter provider), so a stopped host
/// stops reporting.
/// </summary>
public sealed class OperationsGauges : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly Meter meter = new(OperationsMetrics.MeterName);
    private readonly NpgsqlDataSource dataSource;
    private readonly IMessageStore messages;
    private readonly TimeProvider time;
    private readonly string lagSql;
    private readonly Cached<List<Measurement<long>>> lag;
    private readonly Cached<List<Measurement<long>>> queues;

    public OperationsGauges(NpgsqlDataSource dataSource, IDocumentStore store, IMessageStore messages, TimeProvider time)
    {
        this.dataSource = dataSource;
        this.messages = messages;
        this.time = time;
        var schema = store.Options.Events.DatabaseSchemaName;
        // One query: the highest event sequence (the primary key's last entry) less each shard's position; rows named
        // HighWater* are the daemon's own bookkeeping (HighWaterMark, HighWaterAllocationFence), not projections.
        lagSql = $"""
            select p.name, (select coalesce(max(seq_id), 0) from {schema}.mt_events) - p.last_seq_id
            from {schema}.mt_event_progression p where p.name not like 'HighWater%'
            """;
        lag = new Cached<List<Measurement<long>>>(ReadLag);
        queues = new Cached<List<Measurement<long>>>(ReadQueues);
        meter.CreateObservableGauge("platform.projection.lag", () => Read(lag), "{event}",
            "Events appended but not yet processed, per async projection shard.");
        meter.CreateObservableGauge("platform.queue.depth", () => Read(queues), "{message}",
            "Wolverine durable envelopes waiting, incoming and outgoing.");
    }

    // Observable callbacks are synchronous; collection runs on the exporter's thread, so waiting for the read is fine.
    private IEnumerable<Measurement<long>> Read(Cached<List<Measurement<long>>> cached) => cached.Get(time.GetUtcNow()).GetAwaiter().GetResult();

    private async Task<List<Measurement<long>>> ReadLag()
    {
        await using var command = dataSource.CreateCommand(lagSql);
        await using var reader = await command.ExecuteReaderAsync();
        var measurements = new List<Measurement<long>>();
        while (await reader.ReadAsync())
            measurements.Add(new(Math.Max(0, reader.GetInt64(1)), new KeyValuePair<string, object?>("shard", reader.GetString(0))));
        return measurements;
    }

    private async Task<List<Measurement<long>>> ReadQueues()
    {
        var counts = await messages.Admin.FetchCountsAsync();
        return [new(counts.Incoming, new KeyValuePair<string, object?>("direction", "incoming")),
            new(counts.Outgoing, new KeyValuePair<string, object?>("direction", "outgoing"))];
    }

    public void Dispose() => meter.Dispose();

    /// <summary>A value read at most once per <see cref="CacheFor"/>.</summary>
    private sealed class Cached<T>(Func<Task<T>> read)
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private (T Value, DateTimeOffset At)? last;

        public async Task<T> Get(DateTimeOffset now)
        {
            await gate.WaitAsync();
            try
            {
                if (last is not { } hit || now - hit.At >= CacheFor) last = hit = (await read(), now);
                return hit.Value;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
