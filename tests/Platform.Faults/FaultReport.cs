using System.Text;

namespace Platform.Faults;

/// <summary>One injected fault and how long until the platform was whole again by <paramref name="RecoveredWhen"/> (null: it was not).</summary>
public sealed record Fault(string What, string RecoveredWhen, TimeSpan? Recovery);

/// <summary>One run of the fault suite: where and how it ran, what was injected, what the oracle found.</summary>
public sealed class Run(string command, DateTimeOffset date, Dictionary<string, object?> machine)
{
    public string Command => command;
    public DateTimeOffset Date => date;
    public Dictionary<string, object?> Machine => machine;
    public string PostgreSQL { get; set; } = "";
    public TimeSpan Duration { get; set; }
    public List<Fault> Faults { get; } = [];
    /// <summary>Before each leader kill: how many async projections and subscriptions each node ran (none listed under HotCold).</summary>
    public List<string> Shares { get; } = [];
    public List<Verdict> Verdicts { get; } = [];
    public Tally Tally { get; set; } = new(0, 0, 0, 0, 0, 0);
    public bool Passed => Verdicts.Count > 0 && Verdicts.All(v => v.Held) && Faults.All(f => f.Recovery is not null);
}

/// <summary>
/// Writes the suite's section of <c>docs/reliability.md</c>: a table with a row per run (earlier rows kept), and the latest
/// run's faults and oracle in full. The rest of the file is written by hand and left as it is.
/// </summary>
public static class FaultReport
{
    private const string Begin = "<!-- ./platform faults: generated from here -->";
    private const string End = "<!-- ./platform faults: generated up to here -->";
    private const string RowsBegin = "<!-- runs -->";
    private const string RowsEnd = "<!-- /runs -->";

    public static async Task Write(string root, Run run)
    {
        var path = Path.Combine(root, "docs", "reliability.md");
        var document = await File.ReadAllTextAsync(path);
        var (before, section, after) = Split(document);
        var rows = Between(section, RowsBegin, RowsEnd).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        rows.Add(Row(run));

        var text = new StringBuilder();
        text.AppendLine(Begin);
        text.AppendLine("Each run starts its own PostgreSQL cluster and three API processes (Release build) on it, and buyers that each");
        text.AppendLine("join → start a checkout → pay → are refunded part, each operation under the client's own key (a user made for that");
        text.AppendLine("one flow) and recorded as acknowledged, rejected or unknown. Every third buyer's payment and refund arrive as signed Stripe");
        text.AppendLine("webhooks, each delivered twice and the refund before the payment; the others pay with `completeLocalPayment` and every");
        text.AppendLine("second of them is refunded with `refundPurchase`. Faults, in order: `kill -9` of a");
        text.AppendLine("node every few seconds (started again each time), `kill -9` of the leading node twice, then");
        text.AppendLine("`pg_ctl stop -m immediate` and a restart 2 s later under 20 writers, twice. Recovery: a killed node until it is ready");
        text.AppendLine("again; a killed leader until another node leads and the survivors run every async projection again; a database crash from its restart to the next acknowledged write.");
        text.AppendLine("Lost: acknowledged but missing (or missing from its read model); duplicated: any operation found more than once.");
        text.AppendLine();
        text.AppendLine(RowsBegin);
        text.AppendLine("| date | command | machine (load at start) | faults | operations (ok / rejected / unknown) | lost | duplicated | recovery: node kill p50 / max | leader | database | oracle |");
        text.AppendLine("|---|---|---|---:|---|---:|---:|---|---|---|---|");
        foreach (var row in rows.Where(r => r.StartsWith("| 20"))) text.AppendLine(row);
        text.AppendLine(RowsEnd);
        text.AppendLine();
        text.AppendLine($"Latest run: `{run.Command}`, {run.Date:yyyy-MM-dd HH:mm} UTC, {run.Duration.TotalMinutes:0.0} min; {MachineLine(run)}, PostgreSQL {run.PostgreSQL}.");
        text.AppendLine();
        text.AppendLine("| fault | recovered when | after |");
        text.AppendLine("|---|---|---:|");
        foreach (var fault in run.Faults) text.AppendLine($"| {fault.What} | {fault.RecoveredWhen} | {Seconds(fault.Recovery)} |");
        text.AppendLine();
        foreach (var share in run.Shares) text.AppendLine($"- Before a leader kill, async projections and subscriptions per node from readiness: {share}.");
        text.AppendLine();
        text.AppendLine("| oracle check | held | found |");
        text.AppendLine("|---|---|---|");
        foreach (var verdict in run.Verdicts) text.AppendLine($"| {verdict.Check} | {(verdict.Held ? "yes" : "**no**")} | {verdict.Detail.Replace("|", "/")} |");
        text.Append(End);
        await File.WriteAllTextAsync(path, before + text + after);
    }

    private static string Row(Run run)
    {
        var kills = run.Faults.Where(f => f.What.StartsWith("kill -9 API")).Select(f => f.Recovery?.TotalSeconds ?? double.NaN).Order().ToList();
        string Of(string prefix) => string.Join(", ", run.Faults.Where(f => f.What.StartsWith(prefix)).Select(f => Seconds(f.Recovery)));
        var t = run.Tally;
        return $"| {run.Date:yyyy-MM-dd HH:mm} | `{run.Command}` | {MachineLine(run)} | {run.Faults.Count} | {t.Acknowledged} / {t.Rejected} / {t.Unknown} ({t.UnknownApplied} applied) " +
               $"| {t.Lost} | {t.Duplicated} | {(kills.Count == 0 ? "–" : $"{kills[kills.Count / 2]:0.0} s / {kills[^1]:0.0} s")} " +
               $"| {Of("kill -9 the leader")} | {Of("pg_ctl")} | {(run.Passed ? "held" : "**failed**")} |";
    }

    private static string MachineLine(Run run) =>
        $"{run.Machine["cores"]} cores {run.Machine["cpu"]}, {run.Machine["memoryGiB"]} GiB, load {run.Machine["loadAverageAtStart"]}";

    private static string Seconds(TimeSpan? value) => value is { } v ? $"{v.TotalSeconds:0.0} s" : "not recovered";

    private static (string Before, string Section, string After) Split(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin
            ? (document.TrimEnd() + "\n\n## The fault suite: `./platform faults`\n\n", "", "\n")
            : (document[..begin], document[begin..(end + End.Length)], document[(end + End.Length)..]);
    }

    private static string Between(string text, string begin, string end)
    {
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        return from < 0 || to < from ? "" : text[(from + begin.Length)..to];
    }
}
