using System.Globalization;

namespace Platform.Api.Analytics;

/// <summary>
/// Pure: CSV as RFC 4180 writes it (comma separated, CRLF line ends, a field with a comma, quote or line break quoted, quotes doubled).
/// Text fields that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading apostrophe, as OWASP advises;
/// numbers are written as numbers, so a negative amount stays a number.
/// </summary>
public static class Csv
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Text(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && FormulaStarts.Contains(text[0])) text = "'" + text;
        return text.IndexOfAny(NeedsQuotes) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields) + "\r\n";
}
