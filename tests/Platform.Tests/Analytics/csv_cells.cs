using Platform.Api.Analytics;

namespace Platform.Tests.Analytics;

/// <summary>The CSV export's cells: RFC 4180 quoting, and text a spreadsheet would run as a formula made inert.</summary>
public sealed class csv_cells
{
    [Theory]
    [InlineData("Intro", "Intro")]
    [InlineData("Sales, marketing", "\"Sales, marketing\"")]
    [InlineData("The \"best\" course", "\"The \"\"best\"\" course\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void text_is_quoted_only_when_it_must_be(string text, string cell) => Assert.Equal(cell, Csv.Text(text));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    public void text_that_starts_like_a_formula_is_made_text(string text, string cell) => Assert.Equal(cell, Csv.Text(text));

    [Fact]
    public void numbers_stay_numbers_and_lines_end_with_crlf()
    {
        Assert.Equal("-1700", Csv.Number(-1700));
        Assert.Equal("6.5", Csv.Number(6.5));
        Assert.Equal("", Csv.Number((double?)null));
        Assert.Equal("a,-1,\r\n", Csv.Line(["a", Csv.Number(-1), ""]));
    }
}
