using System.Diagnostics;
using Npgsql;
using Platform.Benchmarks;

namespace Platform.Faults;

/// <summary>One check of the oracle: what it compared and whether it held.</summary>
public sealed record Verdict(string Check, bool Held, string Detail);

/// <summary>What the operations came to: acknowledged ones found once, unknown ones at most once, duplicates anywhere.</summary>
public sealed record Tally(int Acknowledged, int Rejected, int Unknown, int Lost, int Duplicated, int UnknownApplied);

/// <summary>
/// After the faults, the database is asked whether what the client was told is true (Marten stores property names as in C#,
/// event types as snake_case aliases), and whether the machinery behind it is quiet: projections caught up, no dead letters,
/// outbox and inbox drained, the ledger matching the purchases, every high-water skip a gap and no hidden event.
/// </summary>
public sealed class Oracle(Cluster cluster, Setup setup)
{
    private const string Schema = "platform";

    public List<Verdict> Verdicts { get; } = [];

    public async Task<Tally> Judge(IReadOnlyCollection<Operation> operations)
    {
        // Unpooled: the pool's connections from before the database crashes are dead, and the first use of one fails.
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.WithDatabase("platform")) { Pooling = false }.ConnectionString);
        await db.OpenAsync();

        // Quiet first: the refunds' provider events and the async projections finish after the last answer.
        Verdicts.Add(await Within("outbox and inbox empty", TimeSpan.FromSeconds(30), async () =>
        {
            var wolverine = (string?)await Scalar(db, "select table_schema from information_schema.tables where table_name = 'wolverine_outgoing_envelopes' limit 1");
            var outgoing = await Count(db, $"select count(*) from {wolverine}.wolverine_outgoing_envelopes");
            var incoming = await Count(db, $"select count(*) from {wolverine}.wolverine_incoming_envelopes where status = 'Incoming'");
            var waiting = await Scalar(db, $"select string_agg(message_type || ' owned by node ' || owner_id, ', ') from {wolverine}.wolverine_incoming_envelopes where status = 'Incoming'") as string; // NULL when nothing waits
            return (outgoing == 0 && incoming == 0, $"{outgoing} outgoing, {incoming} incoming not yet handled" + (incoming == 0 ? "" : $" ({waiting})"));
        }));
        Verdicts.Add(await Within("async projections caught up to the last event", TimeSpan.FromSeconds(60), async () =>
        {
            var last = await Count(db, $"select coalesce(max(seq_id), 0) from {Schema}.mt_events");
            var behind = new List<string>();
            await using (var command = new NpgsqlCommand($"select name, last_seq_id from {Schema}.mt_event_progression where last_seq_id < $1 and name not like 'HighWater%'", db))
            {
                command.Parameters.AddWithValue(last);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) behind.Add($"{reader.GetString(0)} at {reader.GetInt64(1)}");
            }
            var shards = await Count(db, $"select count(*) from {Schema}.mt_event_progression where name not like 'HighWater%'");
            return (behind.Count == 0 && shards > 0, behind.Count == 0 ? $"{shards} shards at event {last}" : $"last event {last}; behind: {string.Join(", ", behind)}");
        }));
        var deadLetters = await Count(db, $"select count(*) from {(string?)await Scalar(db, "select table_schema from information_schema.tables where table_name = 'wolverine_dead_letters' limit 1")}.wolverine_dead_letters");
        Verdicts.Add(new("no dead letters", deadLetters == 0, $"{deadLetters} dead letters"));

        var tally = await Operations(db, operations);
        await Ledger(db);
        await Skips(db);
        return tally;
    }

    /// <summary>Each operation against the events and read models: found once when acknowledged, at most once when unknown, never when rejected.</summary>
    private async Task<Tally> Operations(NpgsqlConnection db, IReadOnlyCollection<Operation> operations)
    {
        int lost = 0, duplicated = 0, unknownApplied = 0;
        var problems = new List<string>();
        foreach (var op in operations)
        {
            var (events, readModel) = await Found(db, op);
            var problem = op.Outcome switch
            {
                Outcome.Ok when events == 0 || !readModel => "acknowledged but missing" + (events == 0 ? "" : " from its read model"),
                Outcome.Ok or Outcome.Unknown when events > 1 => $"{events} times",
                Outcome.Rejected when events > 0 => "rejected but applied",
                _ => null,
            };
            if (op.Outcome == Outcome.Unknown && events == 1) unknownApplied++;
            if (problem is null) continue;
            if (events > 1) duplicated++;
            else lost++;
            problems.Add($"{op.Key}: {problem}");
        }
        var count = (Outcome o) => operations.Count(op => op.Outcome == o);
        Verdicts.Add(new("every acknowledged operation once as an event and in its read model; unknown ones at most once; rejected ones never",
            problems.Count == 0,
            $"{count(Outcome.Ok)} acknowledged, {count(Outcome.Rejected)} rejected, {count(Outcome.Unknown)} unknown ({unknownApplied} of them applied)" +
            (problems.Count == 0 ? "" : $"; {string.Join("; ", problems.Take(10))}")));
        return new Tally(count(Outcome.Ok), count(Outcome.Rejected), count(Outcome.Unknown), lost, duplicated, unknownApplied);
    }

    /// <summary>How often the operation's event is in <c>mt_events</c>, and whether its read model shows it.</summary>
    private async Task<(long Events, bool ReadModel)> Found(NpgsqlConnection db, Operation op)
    {
        var user = op.UserId.ToString();
        var purchase = op.PurchaseId?.ToString();
        return op.Kind switch
        {
            "join" => (await Count(db, $"select count(*) from {Schema}.mt_events where type = 'member_joined' and data->>'UserId' = $1 and data->>'CommunityId' = $2",
                    user, setup.Community.ToString()),
                await Count(db, $"select count(*) from {Schema}.mt_doc_membershipview where data->>'UserId' = $1 and data->>'CommunityId' = $2",
                    user, setup.Community.ToString()) == 1),
            "checkout" => (await Count(db, $"select count(*) from {Schema}.mt_events where type = 'checkout_started' and data->>'BuyerId' = $1", user),
                await Count(db, $"select count(*) from {Schema}.mt_doc_purchaseview where data->>'BuyerId' = $1", user) == 1),
            "pay" => (await Count(db, $"select count(*) from {Schema}.mt_events where type = 'payment_succeeded' and data->>'PurchaseId' = $1", purchase!),
                await Count(db, $"select count(*) from {Schema}.mt_doc_purchaseview where id = $1::uuid and data->>'PaidAt' is not null", purchase!) == 1
                && await Count(db, $"select count(*) from {Schema}.mt_doc_enrolmentview where data->>'UserId' = $1 and data->>'CourseId' = $2",
                    user, setup.Product.ToString()) == 1),
            "refund" => (await Count(db, $"select count(*) from {Schema}.mt_events where type = 'payment_refunded' and data->>'PurchaseId' = $1", purchase!),
                await Count(db, $"select coalesce(sum((data->>'Amount')::bigint), 0) from {Schema}.mt_doc_ledgerline where data->>'PurchaseId' = $1 and data->>'Kind' like 'refund_%'",
                    purchase!) == Traffic.RefundAmount),
            _ => throw new ArgumentException($"No check for {op.Kind}."),
        };
    }

    /// <summary>Per currency: the sale lines add up to what the payments took in, the refund lines to what went back, and every purchase's own lines to its gross.</summary>
    private async Task Ledger(NpgsqlConnection db)
    {
        var sold = await Count(db, $"select coalesce(sum((data->>'Gross')::bigint), 0) from {Schema}.mt_events where type = 'payment_succeeded' and data->>'Currency' = $1", Setup.Currency);
        var refunded = await Count(db, $"select coalesce(sum((data->>'Amount')::bigint), 0) from {Schema}.mt_events where type = 'payment_refunded' and data->>'Currency' = $1", Setup.Currency);
        var saleLines = await Count(db, $"select coalesce(sum((data->>'Amount')::bigint), 0) from {Schema}.mt_doc_ledgerline where data->>'Kind' like 'sale_%' and data->>'Currency' = $1", Setup.Currency);
        var refundLines = await Count(db, $"select coalesce(sum((data->>'Amount')::bigint), 0) from {Schema}.mt_doc_ledgerline where data->>'Kind' like 'refund_%' and data->>'Currency' = $1", Setup.Currency);
        var purchasesOff = await Count(db, $"""
            select count(*) from {Schema}.mt_doc_purchaseview p
            where p.data->>'PaidAt' is not null and (p.data->>'Gross')::bigint <> (
              select coalesce(sum((l.data->>'Amount')::bigint), 0) from {Schema}.mt_doc_ledgerline l
              where l.data->>'PurchaseId' = p.id::text and l.data->>'Kind' like 'sale_%')
            """);
        var currencies = await Count(db, $"select count(distinct data->>'Currency') from {Schema}.mt_doc_ledgerline");
        Verdicts.Add(new("ledger balanced per currency and equal to the purchases",
            sold == saleLines && refunded == refundLines && purchasesOff == 0 && currencies <= 1,
            $"{Setup.Currency}: payments {sold}, sale lines {saleLines}; refunds {refunded}, refund lines {refundLines}; " +
            $"{purchasesOff} paid purchases whose lines differ from their gross; {currencies} currencies"));
    }

    /// <summary>
    /// Each skip of the high-water mark jumped (starting, ending]. It is accounted for when some of those sequence numbers hold
    /// no event (a killed transaction reserved them and never committed); the events that are in the range were projected as
    /// usual, which the checks above see (every acknowledged payment and refund in its read model and the ledger).
    /// </summary>
    private async Task Skips(NpgsqlConnection db)
    {
        var rows = new List<(long Start, long End)>();
        await using (var command = new NpgsqlCommand($"select starting_sequence, ending_sequence from {Schema}.mt_high_water_skips order by ending_sequence", db))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
        var described = new List<string>();
        var held = true;
        foreach (var (start, end) in rows)
        {
            var present = await Count(db, $"select count(*) from {Schema}.mt_events where seq_id > {start} and seq_id <= {end}");
            var unused = end - start - present;
            held &= unused > 0;
            described.Add($"({start}, {end}]: {unused} unused, {present} events");
        }
        Verdicts.Add(new("every mt_high_water_skips row covers sequence numbers no event holds (a killed transaction's)", held,
            rows.Count == 0 ? "no skips" : $"{rows.Count} skips: {string.Join("; ", described)}"));
    }

    /// <summary>Asks until <paramref name="check"/> holds or <paramref name="patience"/> runs out; the verdict says how long it took.</summary>
    private static async Task<Verdict> Within(string name, TimeSpan patience, Func<Task<(bool Held, string Detail)>> check)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (held, detail) = await check();
            if (held || clock.Elapsed > patience) return new(name, held, $"{detail} (after {clock.Elapsed.TotalSeconds:0.0} s)");
            await Task.Delay(500);
        }
    }

    private static async Task<object?> Scalar(NpgsqlConnection db, string sql, params string[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<long> Count(NpgsqlConnection db, string sql, params string[] parameters) =>
        Convert.ToInt64(await Scalar(db, sql, parameters));
}
