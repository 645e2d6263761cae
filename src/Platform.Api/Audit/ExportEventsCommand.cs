using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JasperFx.CommandLine;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Api.Audit;

public sealed class ExportEventsInput : NetCoreInput
{
    [Description("First moment to export (inclusive), e.g. 2026-01-01; UTC unless it says otherwise")]
    public string FromFlag { get; set; } = "0001-01-01";

    [Description("Moment to stop at (exclusive); default: no end")]
    public string? ToFlag { get; set; }

    [Description("Comma-separated event type names, e.g. PaymentSucceeded,PaymentRefunded; default: every type")]
    public string? TypesFlag { get; set; }

    [Description("File to write, or - for stdout")]
    public string OutFlag { get; set; } = "-";

    [Description("Report progress on stderr every this many events")]
    public int ProgressFlag { get; set; } = 10_000;
}

/// <summary>
/// <c>export-events</c>: the event store as NDJSON, one event a line, in sequence order. Reads forward-only from PostgreSQL and writes
/// as it reads, so memory stays flat however many events there are.
/// </summary>
[Description("Exports events as NDJSON (sequence, streamId, version, type, timestamp, correlationId, causationId, userName, headers, data)", Name = Name)]
public sealed class ExportEventsCommand : JasperFxAsyncCommand<ExportEventsInput>
{
    public const string Name = "export-events";

    // The event type is the .NET type's own name (what the store's mt_dotnet_type column starts with), for filtering and output alike.
    private const string Sql = """
        select seq_id, stream_id, version, type_name, timestamp, correlation_id, causation_id, user_name, headers::text, data::text
        from (select *, regexp_replace(split_part(coalesce(mt_dotnet_type, type), ',', 1), '^.*[.+]', '') as type_name from platform.mt_events) e
        where timestamp >= @from and timestamp < @to and (@types::text[] is null or type_name = any(@types))
        order by seq_id
        """;

    public override async Task<bool> Execute(ExportEventsInput input)
    {
        var types = input.TypesFlag?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (Problem(input, types) is { } problem)
        {
            await Console.Error.WriteLineAsync($"{Name}: {problem}");
            return false;
        }
        using var host = input.BuildHost();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var toStdout = input.OutFlag == "-";
        await using var output = toStdout ? Console.OpenStandardOutput() : File.Create(input.OutFlag);
        var count = await Export(dataSource, Moment(input.FromFlag)!.Value, input.ToFlag is null ? DateTimeOffset.MaxValue : Moment(input.ToFlag)!.Value, types, output,
            input.ProgressFlag, Console.Error);
        return count >= 0;
    }

    /// <summary>What is wrong with the command line, in words, before anything is read: bad moments, unknown event types.</summary>
    public static string? Problem(ExportEventsInput input, string[]? types)
    {
        const string example = "e.g. 2026-01-01 or 2026-01-01T12:00:00+02:00";
        if (Moment(input.FromFlag) is null) return $"--from '{input.FromFlag}' is not a date or moment ({example}).";
        if (input.ToFlag is not null && Moment(input.ToFlag) is null) return $"--to '{input.ToFlag}' is not a date or moment ({example}).";
        var unknown = types?.Where(t => !EventTypeNames.Value.Contains(t)).ToList() ?? [];
        return unknown.Count == 0 ? null
            : $"no event type named {string.Join(", ", unknown)}. Event types: {string.Join(", ", EventTypeNames.Value.Order())}.";
    }

    public static DateTimeOffset? Moment(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            ? moment : null;

    // Events are the contracts assembly's concrete types (enums and static helpers aside): the names the store records.
    private static readonly Lazy<HashSet<string>> EventTypeNames = new(() => typeof(Platform.Contracts.DeterministicId).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false }).Select(t => t.Name).ToHashSet(StringComparer.Ordinal));

    /// <summary>Writes the matching events to <paramref name="output"/> and returns how many.</summary>
    public static async Task<long> Export(NpgsqlDataSource dataSource, DateTimeOffset from, DateTimeOffset to, string[]? types, Stream output,
        int progressEvery, TextWriter progress, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)types ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation);
        await using var json = new Utf8JsonWriter(output);
        long count = 0;
        while (await reader.ReadAsync(cancellation))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", reader.GetInt64(0));
            json.WriteString("streamId", reader.GetGuid(1));
            json.WriteNumber("version", reader.GetInt64(2));
            json.WriteString("type", reader.GetString(3));
            json.WriteString("timestamp", reader.GetFieldValue<DateTimeOffset>(4));
            WriteStringOrNull(json, "correlationId", reader, 5);
            WriteStringOrNull(json, "causationId", reader, 6);
            WriteStringOrNull(json, "userName", reader, 7);
            json.WritePropertyName("headers");
            if (await reader.IsDBNullAsync(8, cancellation)) json.WriteNullValue(); else json.WriteRawValue(reader.GetString(8), skipInputValidation: true);
            json.WritePropertyName("data");
            json.WriteRawValue(reader.GetString(9), skipInputValidation: true);
            json.WriteEndObject();
            await json.FlushAsync(cancellation);
            json.Reset();
            output.WriteByte((byte)'\n');
            if (++count % progressEvery == 0) await progress.WriteLineAsync($"export-events: {count} events ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        await output.FlushAsync(cancellation);
        await progress.WriteLineAsync($"export-events: done, {count} events in {clock.Elapsed.TotalSeconds:F1} s");
        return count;
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) json.WriteNull(name);
        else json.WriteString(name, reader.GetString(ordinal));
    }
}
