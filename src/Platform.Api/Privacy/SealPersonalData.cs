using JasperFx.CommandLine;
using JasperFx.Events;
using Marten;
using Npgsql;
using Spectre.Console;

namespace Platform.Api.Privacy;

/// <summary>
/// Events written before personal fields were sealed hold them in clear. This rewrites them in place, sealed under each
/// person's key: the one time the event store is edited, because an erasure cannot shred a field that was never encrypted.
/// The event's meaning is unchanged (reading it gives the same record), so projections and rebuilds see no difference.
/// </summary>
public sealed class LegacyPersonalData(IDocumentStore store, NpgsqlDataSource database)
{
    public const int PageSize = 500;

    /// <summary>The stored type name of each sealed event type.</summary>
    private Dictionary<string, Type> Types => PersonalData.Sealed.ToDictionary(f => f.EventType.GetEventTypeName(), f => f.EventType);

    private string[] TypeNames => [.. Types.Keys];

    /// <summary>How many events still hold personal fields in clear.</summary>
    public async Task<long> CountAsync(CancellationToken cancellation)
    {
        await using var count = database.CreateCommand("select count(*) from platform.mt_events where type = any($1) and not data ? 'sealed'");
        count.Parameters.Add(new NpgsqlParameter { Value = TypeNames });
        return (long)(await count.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>Seals every clear event, a page per transaction; <paramref name="progressed"/> hears each page's count.</summary>
    public async Task<long> SealAllAsync(Action<int> progressed, CancellationToken cancellation)
    {
        long total = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var rows = await SealPageAsync(session, null, cancellation);
            if (rows == 0) return total;
            await session.SaveChangesAsync(cancellation);
            total += rows;
            progressed(rows);
        }
    }

    /// <summary>Seals one page of clear events (all streams, or one person's) through <paramref name="session"/>; returns how many.</summary>
    public async Task<int> SealPageAsync(IDocumentSession session, Guid? streamId, CancellationToken cancellation)
    {
        await using var select = database.CreateCommand(
            "select seq_id, type, data::text from platform.mt_events where type = any($1) and not data ? 'sealed' and ($2::uuid is null or stream_id = $2) " +
            $"order by seq_id limit {PageSize}");
        select.Parameters.Add(new NpgsqlParameter { Value = TypeNames });
        select.Parameters.Add(new NpgsqlParameter { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var serializer = store.Options.Serializer();
        var types = Types;
        var rows = 0;
        await using var reader = await select.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var type = types[reader.GetString(1)];
            // Reading a clear event gives the plain record; writing it back through the serializer seals it.
            var sealedJson = serializer.ToJson(serializer.FromJson(type, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reader.GetString(2)))));
            session.QueueSqlCommand("update platform.mt_events set data = ?::jsonb where seq_id = ?", sealedJson, reader.GetInt64(0));
            rows++;
        }
        return rows;
    }
}

/// <summary><c>dotnet run --project src/Platform.Api -- seal-personal-data</c>: the one-off migration of events written before sealing, with a progress bar.</summary>
[Description("Seals the personal fields of events written before sealing existed (safe to run again)", Name = "seal-personal-data")]
public sealed class SealPersonalDataCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var legacy = host.Services.GetRequiredService<LegacyPersonalData>();
        var total = await legacy.CountAsync(CancellationToken.None);
        long sealedCount = 0;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Sealing personal fields", maxValue: Math.Max(total, 1));
            sealedCount = await legacy.SealAllAsync(rows => task.Increment(rows), CancellationToken.None);
            task.Value = task.MaxValue;
        });
        Console.WriteLine($"Sealed the personal fields of {sealedCount} events.");
        return true;
    }
}
