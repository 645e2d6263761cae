using System.Globalization;
using GraphQL;
using GraphQLParser.AST;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Security;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;

namespace Platform.Api.Analytics;

/// <summary>
/// <c>GET /analytics/{communityId}/{table}.csv</c> (ANLY): each table of <c>creatorAnalytics</c>, and the rows behind a figure
/// (<c>sources.csv?figure=GROSS&amp;key=…</c>), as CSV for a spreadsheet. The same figures as the GraphQL answer (one computation), the same
/// access (the caller's bearer token: the community's creator, or finance) and the same query parameters (<c>from</c>, <c>to</c>,
/// <c>currency</c>, <c>asOf</c>). Each request counts as one GraphQL operation against the caller's rate limit. Rows are written as they
/// are formatted, not gathered into one string.
/// </summary>
public static class ExportAnalytics
{
    public const string Path = "/analytics";
    public const string Sources = "sources";

    private static readonly Dictionary<string, Func<CreatorAnalyticsReport, IEnumerable<string[]>>> Tables = new()
    {
        ["revenue-by-day"] = r => [
            ["day", "currency", "gross", "fees", "net", "refunds", "disputes"],
            .. r.RevenueByDay.Select(d => new[]
            {
                d.Day, r.Currency, Csv.Number(d.Gross.Amount), Csv.Number(d.Fees.Amount), Csv.Number(d.Net.Amount), Csv.Number(d.Refunds.Amount),
                Csv.Number(d.Disputes.Amount),
            }),
        ],
        ["mrr-by-month"] = r => [
            ["month", "currency", "mrr", "new", "expansion", "contraction", "churned", "reactivated"],
            .. r.MrrByMonth.Select(m => new[]
            {
                m.Month, r.Currency, Csv.Number(m.Mrr.Amount), Csv.Number(m.New.Amount), Csv.Number(m.Expansion.Amount), Csv.Number(m.Contraction.Amount),
                Csv.Number(m.Churned.Amount), Csv.Number(m.Reactivated.Amount),
            }),
        ],
        ["enrolments"] = r => [
            ["course_id", "course_title", "source", "count"],
            .. r.Enrolments.Select(e => new[] { e.CourseId.ToString(), Csv.Text(e.CourseTitle), e.Source.ToString().ToUpperInvariant(), Csv.Number(e.Count) }),
        ],
        ["completion-funnel"] = r => [
            ["course_id", "course_title", "enrolled", "started", "reached_25", "reached_50", "reached_75", "completed", "median_days_to_complete"],
            .. r.Funnels.Select(f => new[]
            {
                f.CourseId.ToString(), Csv.Text(f.CourseTitle), Csv.Number(f.Enrolled), Csv.Number(f.Started), Csv.Number(f.Reached25), Csv.Number(f.Reached50),
                Csv.Number(f.Reached75), Csv.Number(f.Completed), Csv.Number(f.MedianDaysToComplete),
            }),
        ],
        ["member-growth"] = r => [
            ["week_start", "joined", "left", "banned"],
            .. r.MemberGrowth.Select(w => new[] { w.WeekStart, Csv.Number(w.Joined), Csv.Number(w.Left), Csv.Number(w.Banned) }),
        ],
    };

    public static IReadOnlyCollection<string> TableNames => [.. Tables.Keys, Sources];

    public static void Map(WebApplication app) =>
        app.MapGet($"{Path}/{{communityId:guid}}/{{table}}.csv", async (Guid communityId, string table, HttpContext http, TimeProvider clock,
            ILoggerFactory loggers) =>
        {
            var cancellation = http.RequestAborted;
            var authentication = await http.AuthenticateAsync();
            if (authentication.Principal is null)
            {
                http.Response.Headers.WWWAuthenticate = authentication.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                return Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "Send the caller's bearer token.");
            }
            http.User = authentication.Principal;
            using var lease = http.RequestServices.GetRequiredService<RateLimits>()
                .AcquireOperation(new OperationCharge(RateLimits.CallerKey(http.User, RateLimits.AddressKey(http)), OperationType.Query, Money: false));
            if (!lease.IsAcquired)
            {
                await RateLimitConfiguration.WriteTooManyRequests(http, lease, cancellation);
                return Results.Empty;
            }
            try
            {
                var caller = await http.RequestServices.GetRequiredService<CallerResolver>().Resolve(http.User, cancellation);
                if (!caller.IsSignedIn) return Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "This account cannot sign in.");
                if (!Tables.ContainsKey(table) && table != Sources)
                    return Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"The tables are {string.Join(", ", TableNames)}.");
                if (!caller.Holds(Role.Creator, communityId) && !caller.Holds(Role.Finance))
                    return Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Only the community's creator and finance may export its figures.");
                var reads = http.RequestServices.GetRequiredService<IQuerySession>();
                if (await reads.LoadAsync<CommunityCard>(communityId, cancellation) is null) return Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The community was not found.");

                var query = http.Request.Query;
                var input = new AnalyticsInput(Moment(query, "from"), Moment(query, "to"), Text(query, "currency"));
                Figure? figure = table == Sources ? FigureOf(Text(query, "figure")) : null;
                var key = Text(query, "key")?.Trim();
                if (key?.Length > AnalyticsDrillDownQuery.MaxKeyLength) throw DomainException.Invalid($"A key is at most {AnalyticsDrillDownQuery.MaxKeyLength} characters.");
                var (facts, window) = await AnalyticsReads.Load(reads, communityId, input, Moment(query, "asOf"), clock.GetUtcNow(), cancellation);
                var rows = figure is { } behind
                    ? SourceRows(AnalyticsFigures.Behind(facts, window, behind, key).Take(AnalyticsDrillDownQuery.MaxRows))
                    : Tables[table](AnalyticsFigures.Report(communityId, facts, window));

                loggers.CreateLogger(typeof(ExportAnalytics)).LogInformation("Analytics export {Table} of {CommunityId} for {UserId}", table, communityId, caller.UserId);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition =
                    $"attachment; filename=\"analytics-{table}-{communityId:N}-{window.From:yyyyMMdd}-{window.End:yyyyMMdd}.csv\"";
                http.Response.Headers.CacheControl = "no-store";
                await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
                foreach (var row in rows) await writer.WriteAsync(Csv.Line(row).AsMemory(), cancellation);
                await writer.FlushAsync(cancellation);
                return Results.Empty;
            }
            catch (DomainException e) when (!http.Response.HasStarted)
            {
                return e.Code switch
                {
                    ErrorCodes.Unauthenticated => Error(StatusCodes.Status401Unauthorized, e.Code, e.Message),
                    _ => Error(StatusCodes.Status400BadRequest, e.Code, e.Message),
                };
            }
        });

    private static IEnumerable<string[]> SourceRows(IEnumerable<Contribution> behind) => [
        ["figure", "key", "kind", "source_id", "user_id", "at", "value"],
        .. behind.Select(c => new[]
        {
            Figure(c.Figure), Csv.Text(c.Key), c.Kind.ToString().ToUpperInvariant(), c.SourceId.ToString(), c.UserId.ToString(), Csv.Time(c.At), Csv.Number(c.Value),
        }),
    ];

    /// <summary>A figure as GraphQL names it (MRR_CHURNED, REACHED_25).</summary>
    private static string Figure(Figure figure) => figure.ToString().ToConstantCase();

    private static Figure FigureOf(string? name) =>
        Enum.GetValues<Figure>().Where(f => string.Equals(Figure(f), name, StringComparison.OrdinalIgnoreCase)).Cast<Figure?>().FirstOrDefault()
        ?? throw DomainException.Invalid($"Name a figure: {string.Join(", ", Enum.GetValues<Figure>().Select(Figure))}.");

    private static string? Text(IQueryCollection query, string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;

    private static DateTimeOffset? Moment(IQueryCollection query, string name) =>
        Text(query, name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw DomainException.Invalid($"'{name}' is an ISO 8601 date and time.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { errors = new[] { new { message, extensions = new { code } } } }, statusCode: status);
}
