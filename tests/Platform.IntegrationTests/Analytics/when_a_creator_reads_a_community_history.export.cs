using System.Net;
using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Analytics;

/// <summary>The CSV export of the same history: each table's rows are the GraphQL answer's, cell for cell; the export keeps the same access.</summary>
public sealed partial class when_a_creator_reads_a_community_history
{
    private static readonly DateTimeOffset From = S, To = M4;

    private static string Window => $"from={Uri.EscapeDataString(From.ToString("O"))}&to={Uri.EscapeDataString(To.ToString("O"))}";

    private const string Tables = """
        query($c: ID!, $i: AnalyticsInput) { creatorAnalytics(communityId: $c, input: $i) { currency
          revenueByDay { day gross { amount } fees { amount } net { amount } refunds { amount } disputes { amount } }
          mrrByMonth { month mrr { amount } new { amount } expansion { amount } contraction { amount } churned { amount } reactivated { amount } }
          enrolments { courseId courseTitle source count }
          completionFunnel { courseId courseTitle enrolled started reached25 reached50 reached75 completed medianDaysToComplete }
          memberGrowth { weekStart joined left banned } } }
        """;

    private static async Task<List<string[]>> Csv(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"analytics-", response.Content.Headers.ContentDisposition?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", body);
        Assert.DoesNotContain("\"", body); // nothing here needs quoting, so a plain split reads it
        return [.. body[..^2].Split("\r\n").Select(line => line.Split(','))];
    }

    /// <summary>A GraphQL value as the CSV writes it: money by its amount in minor units, numbers as JSON writes them.</summary>
    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.GetProperty("amount").GetRawText(),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    [Fact]
    public async Task each_table_exported_as_csv_has_the_rows_of_creator_analytics()
    {
        var h = await Once();
        var creator = app.Caller(h.Creator);
        var r = (await creator.Data(Tables, new { c = h.Community, i = new { from = From, to = To } })).GetProperty("creatorAnalytics");
        var currency = r.GetProperty("currency").GetString()!;
        var tables = new (string Table, string Field, string[] Columns, bool WithCurrency)[]
        {
            ("revenue-by-day", "revenueByDay", ["day", "gross", "fees", "net", "refunds", "disputes"], true),
            ("mrr-by-month", "mrrByMonth", ["month", "mrr", "new", "expansion", "contraction", "churned", "reactivated"], true),
            ("enrolments", "enrolments", ["courseId", "courseTitle", "source", "count"], false),
            ("completion-funnel", "completionFunnel", ["courseId", "courseTitle", "enrolled", "started", "reached25", "reached50", "reached75", "completed",
                "medianDaysToComplete"], false),
            ("member-growth", "memberGrowth", ["weekStart", "joined", "left", "banned"], false),
        };
        foreach (var (table, field, columns, withCurrency) in tables)
        {
            var rows = await Csv(await creator.Get($"/analytics/{h.Community}/{table}.csv?{Window}"));
            var expected = r.GetProperty(field).EnumerateArray()
                .Select(row => columns.Select(column => Cell(row.GetProperty(column))).ToList())
                .Select(cells => withCurrency ? [cells[0], currency, .. cells.Skip(1)] : cells.ToArray()).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, rows.Skip(1).ToList());
            Assert.Equal(expected[0].Length, rows[0].Length); // a header names every column
        }
    }

    [Fact]
    public async Task the_rows_behind_a_figure_export_as_csv_like_the_drill_down()
    {
        var h = await Once();
        var creator = app.Caller(h.Creator);
        foreach (var (figure, key) in new[] { ("NET", (string?)null), ("MRR_CHURNED", M2.ToString("yyyy-MM")), ("REACHED_25", h.Course) })
        {
            var behind = (await creator.Data(DrillDown, new { c = h.Community, f = figure, k = key, i = new { from = From, to = To } }))
                .GetProperty("analyticsDrillDown").EnumerateArray()
                .Select(x => new[] { x.GetProperty("kind").GetString()!, x.GetProperty("sourceId").GetString()!, x.GetProperty("userId").GetString()!, x.GetProperty("value").GetRawText() })
                .ToList();
            var rows = await Csv(await creator.Get($"/analytics/{h.Community}/sources.csv?{Window}&figure={figure}{(key is null ? "" : $"&key={key}")}"));
            Assert.Equal(["figure", "key", "kind", "source_id", "user_id", "at", "value"], rows[0]);
            Assert.All(rows.Skip(1), row => Assert.Equal(figure, row[0]));
            Assert.NotEmpty(behind);
            Assert.Equal(behind, rows.Skip(1).Select(row => new[] { row[2], row[3], row[4], row[6] }).ToList());
        }
    }

    [Fact]
    public async Task an_export_needs_the_creators_or_finances_token_and_a_sound_request()
    {
        var h = await Once();
        var path = $"/analytics/{h.Community}/revenue-by-day.csv?{Window}";
        var anonymous = new GraphQLClient(app.Host.Server.CreateClient(), null);
        var unauthenticated = await anonymous.Get(path);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("Bearer", unauthenticated.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new GraphQLClient(app.Host.Server.CreateClient(), "not-a-token").Get(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Caller(h.Names["b"]).Get(path)).StatusCode);

        var finance = app.Caller(Given.Unique("fin"), "finance");
        var creators = await (await app.Caller(h.Creator).Get(path)).Content.ReadAsStringAsync();
        Assert.Equal(creators, await (await finance.Get(path)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Get($"/analytics/{Guid.NewGuid()}/revenue-by-day.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Get($"/analytics/{h.Community}/everything.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await finance.Get($"/analytics/{h.Community}/revenue-by-day.csv?from=yesterday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await finance.Get($"/analytics/{h.Community}/sources.csv?figure=EVERYTHING")).StatusCode);
        var tooLong = await finance.Get($"/analytics/{h.Community}/revenue-by-day.csv?from=2020-01-01T00:00:00Z&to=2022-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("VALIDATION", await tooLong.Content.ReadAsStringAsync());
    }
}
