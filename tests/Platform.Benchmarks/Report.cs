using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Platform.Benchmarks;

/// <summary>One line of a scenario's table: a case and its figures (numbers, or a sentence such as "not available in this build").</summary>
public sealed record Row(string Case, Dictionary<string, object?> Values);

/// <summary>A scenario's outcome: its table, what the figures mean, and the statements that cost the database most.</summary>
public sealed class ScenarioResult(int number, string title)
{
    public int Number { get; } = number;
    public string Title { get; } = title;
    public List<Row> Rows { get; } = [];
    public List<string> Notes { get; } = [];
    public List<Row> TopStatements { get; } = [];
    public List<Row> MostCalled { get; } = [];
}

/// <summary>Writes docs/benchmarks.md (for people) and docs/benchmarks.json (for tools) from one run.</summary>
public static class Report
{
    public static async Task Write(string root, Dictionary<string, object?> run, IReadOnlyList<ScenarioResult> scenarios, string biggestCosts)
    {
        var json = JsonSerializer.Serialize(new { run, scenarios }, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
        await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks.json"), json + "\n");

        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine($"Written by `{run["command"]}`; do not edit by hand. Machine-readable: [benchmarks.json](benchmarks.json).").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        foreach (var (key, value) in run) md.AppendLine($"| {key} | {Format(value)} |");
        md.AppendLine();
        md.AppendLine("Latencies are in milliseconds. \"API CPU\" and \"PG CPU\" are CPU milliseconds per operation used by the API process and");
        md.AppendLine("by the PostgreSQL cluster (from /proc), from a quiet API to a quiet API again, so they include the async projections the");
        md.AppendLine("operations caused and hold however busy the machine was. The load client runs on the same cores.");
        md.AppendLine();
        foreach (var scenario in scenarios)
        {
            md.AppendLine($"## {scenario.Number}. {scenario.Title}").AppendLine();
            Table(md, scenario.Rows);
            foreach (var note in scenario.Notes) md.AppendLine($"- {note}");
            if (scenario.Notes.Count > 0) md.AppendLine();
            if (scenario.TopStatements.Count > 0)
            {
                md.AppendLine("<details><summary>Statements with the most database time (pg_stat_statements)</summary>").AppendLine();
                Table(md, scenario.TopStatements);
                md.AppendLine("</details>").AppendLine();
            }
            if (scenario.MostCalled.Count > 0)
            {
                md.AppendLine("<details><summary>Statements run most often, with calls per operation (pg_stat_statements)</summary>").AppendLine();
                Table(md, scenario.MostCalled);
                md.AppendLine("</details>").AppendLine();
            }
        }
        md.AppendLine("## Biggest costs").AppendLine().AppendLine(biggestCosts.Trim());
        await File.WriteAllTextAsync(Path.Combine(root, "docs", "benchmarks.md"), md.ToString());
    }

    private static void Table(StringBuilder md, List<Row> rows)
    {
        var columns = rows.SelectMany(r => r.Values.Keys).Distinct().ToList();
        md.AppendLine($"| case | {string.Join(" | ", columns)} |");
        md.AppendLine($"|---|{string.Concat(columns.Select(_ => "---:|"))}");
        foreach (var row in rows)
            md.AppendLine($"| {Shorten(row.Case).Replace("|", "\\|")} | {string.Join(" | ", columns.Select(c => Format(row.Values.GetValueOrDefault(c))))} |");
        md.AppendLine();
    }

    /// <summary>Statements can be long: the table shows their start, benchmarks.json all of them.</summary>
    private static string Shorten(string text) => text.Length > 140 ? text[..140] + "…" : text;

    /// <summary>Three significant figures at most for small numbers, whole numbers from 100 up.</summary>
    private static string Format(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "–",
        double d when Math.Abs(d) >= 100 => d.ToString("N0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!.Replace("|", "\\|"),
    };
}
