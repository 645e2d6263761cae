using GraphQL.Types;
using Marten;
using Npgsql;
using Platform.Api.Admin.Graph;
using Platform.Api.Cluster;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Ledger;
using Platform.Api.Infrastructure;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Platform.Api.Admin;

/// <summary>
/// One async projection (or subscription) shard as the database records it. <c>Node</c> is the node number the daemon records when
/// extended progression tracking and a node-assigning distribution are on; null when the store does not know.
/// </summary>
public sealed record ProjectionHealth(string Name, long Position, long Lag, DateTimeOffset LastUpdated, int? Node, bool Stuck);

/// <summary>A message whose handler failed for good, waiting in Wolverine's dead-letter storage for an admin.</summary>
public sealed record DeadLetter(Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, string ReceivedAt, DateTimeOffset? SentAt,
    bool Replayable);

/// <summary>Envelopes in Wolverine's durable storage: the inbox, the scheduled ones and the outbox.</summary>
public sealed record QueueDepths(int Incoming, int Scheduled, int Outgoing, int DeadLetters);

/// <summary>ADMN's system health: projections against the store's high-water mark, dead letters, queue depths, the last reconciliation,
/// and which node runs what.</summary>
public sealed record SystemHealth(long HighWaterMark, long HeadSequence, IReadOnlyList<ProjectionHealth> Projections, QueueDepths Queues,
    IReadOnlyList<DeadLetter> DeadLetters, ReconciliationCompleted? LastReconciliation, IReadOnlyList<NodeWork> Nodes);

public static class SystemHealthQuery
{
    /// <summary>Behind the high-water mark and not advanced for this long: the daemon is not moving it (stopped, failing, or no node runs it).</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(1);

    /// <summary>The dead letters listed; the count in <see cref="QueueDepths"/> covers every one.</summary>
    public const int MaxDeadLetters = 100;

    // Read from the database, not from this node's daemon, so the view is the same whichever node answers and however projections
    // are distributed. Ages are computed by the database, whose clock wrote last_updated. running_on_node exists only with extended
    // progression tracking: reading it through to_jsonb works either way.
    private const string ProgressionSql = """
        select p.name, p.last_seq_id, p.last_updated, (to_jsonb(p) ->> 'running_on_node')::int,
               extract(epoch from now() - p.last_updated)::float8,
               (select max(seq_id) from platform.mt_events)
        from platform.mt_event_progression p order by p.name
        """;

    private const string HighWaterMark = "HighWaterMark";

    public static void AddSystemHealth(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<SystemHealthGraphType>>("systemHealth")
            .Description("For admins: each async projection's position and lag behind the high-water mark (stuck ones flagged), Wolverine's dead letters and queue depths, the last reconciliation run, and which API node runs what.")
            .Allow(Audience.Admin)
            .ResolveAsync(async c => await Read(c.RequestServices!, c.Reads(), c.CancellationToken));

    public static async Task<SystemHealth> Read(IServiceProvider services, IQuerySession reads, CancellationToken cancellation)
    {
        var rows = new List<(string Name, long Position, DateTimeOffset Updated, int? Node, double AgeSeconds)>();
        long head = 0;
        await using (var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(ProgressionSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.GetDouble(4)));
                head = reader.IsDBNull(5) ? 0 : reader.GetInt64(5);
            }
        }
        var highWater = rows.Where(r => r.Name == HighWaterMark).Select(r => r.Position).FirstOrDefault();
        var projections = rows.Where(r => r.Name != HighWaterMark)
            .Select(r => new ProjectionHealth(r.Name, r.Position, Math.Max(0, highWater - r.Position), r.Updated, r.Node,
                Stuck: r.Position < highWater && r.AgeSeconds > StuckAfter.TotalSeconds))
            .ToList();

        var storage = services.GetRequiredService<IWolverineRuntime>().Storage;
        var counts = await storage.Admin.FetchCountsAsync();
        var found = await storage.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = MaxDeadLetters }, cancellation);
        var deadLetters = found.Envelopes.OrderByDescending(d => d.SentAt).Select(DeadLetters.From).ToList();

        var lastRun = await reads.Events.QueryRawEventDataOnly<ReconciliationCompleted>().OrderByDescending(r => r.CompletedAt).FirstOrDefaultAsync(cancellation);
        var nodes = await services.GetRequiredService<ClusterStatus>().AllNodes(cancellation);
        return new SystemHealth(highWater, head, projections, new QueueDepths(counts.Incoming, counts.Scheduled, counts.Outgoing, counts.DeadLetter),
            deadLetters, lastRun, nodes);
    }
}

/// <summary>Wolverine's dead-letter storage, one letter at a time.</summary>
public static class DeadLetters
{
    public static DeadLetter From(DeadLetterEnvelope letter) => new(letter.Id, letter.MessageType, letter.ExceptionType, letter.ExceptionMessage,
        letter.ReceivedAt, letter.SentAt, letter.Replayable);

    public static async Task<DeadLetter> Find(IWolverineRuntime runtime, Guid id) =>
        await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id, null) is { } letter ? From(letter) : throw DomainException.NotFound("The dead letter");

    /// <summary>The one letter named: an id query, so no other letter is touched.</summary>
    public static DeadLetterEnvelopeQuery Only(Guid id) => new() { MessageIds = [id] };
}
