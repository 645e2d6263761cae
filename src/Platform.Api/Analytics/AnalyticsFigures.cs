using Platform.Api.Commerce;
using Platform.Api.Commerce.Graph;
using Platform.Contracts.Commerce;
using Platform.Contracts.Courses;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

// Over 250 lines on purpose: every figure of creatorAnalytics and its drill-down are defined here side by side, so a
// figure and the rows behind it can never be computed two ways.

/// <summary>Every figure <c>creatorAnalytics</c> reports; the drill-down names one of them.</summary>
public enum Figure
{
    Gross, Fees, Net, Refunds, Disputes,
    MrrNew, MrrExpansion, MrrContraction, MrrChurned, MrrReactivated, TrialEnded, TrialConverted,
    Enrolled, Started, Reached25, Reached50, Reached75, Completed,
    Joined, Left, Banned,
}

public enum SourceKind { Purchase, Subscription, Enrolment, Membership }

/// <summary>
/// One fact counted in one figure: the purchase, subscription, enrolment or membership behind it, and what it adds. Every table
/// of the report is a sum of these, so the drill-down returns exactly what a number counts. Keys: a day (yyyy-MM-dd) for
/// revenue, a month (yyyy-MM) for MRR, a course id (with "/SOURCE" for enrolments) for learning, a week's Monday for members.
/// </summary>
public sealed record Contribution(Figure Figure, string Key, SourceKind Kind, Guid SourceId, Guid UserId, DateTimeOffset At, long Value);

/// <summary>The moments counted: [From, End), End being the window's end or the as-of moment, whichever is earlier.</summary>
public sealed record AnalyticsWindow(DateTimeOffset From, DateTimeOffset End, string Currency);

/// <summary>A course of the community and the lessons that count towards completing it (the published, required ones).</summary>
public sealed record CourseInfo(Guid CourseId, string Title, IReadOnlySet<Guid> Lessons);

public sealed record AnalyticsFacts(
    IReadOnlyList<SaleFacts> Sales, IReadOnlyList<SubscriptionFacts> Subscriptions, IReadOnlyList<EnrolmentFacts> Enrolments,
    IReadOnlyList<MemberChange> Members, IReadOnlyDictionary<Guid, CourseInfo> Courses);

public sealed record RevenueDay(string Day, Money Gross, Money Fees, Money Net, Money Refunds, Money Disputes);

public sealed record MrrMonth(string Month, Money Mrr, Money New, Money Expansion, Money Contraction, Money Churned, Money Reactivated);

public sealed record EnrolmentCount(Guid CourseId, string CourseTitle, EnrolmentSource Source, int Count);

public sealed record CourseFunnel(
    Guid CourseId, string CourseTitle, int Enrolled, int Started, int Reached25, int Reached50, int Reached75, int Completed, double? MedianDaysToComplete);

public sealed record MemberWeek(string WeekStart, int Joined, int Left, int Banned);

public sealed record CreatorAnalyticsReport(
    Guid CommunityId, DateTimeOffset From, DateTimeOffset To, string Currency, Money Mrr, int ActiveSubscribers, double? ChurnRate,
    int TrialsEnded, int TrialsConverted, double? TrialConversion, Money Arpu, IReadOnlyList<RevenueDay> RevenueByDay, IReadOnlyList<MrrMonth> MrrByMonth,
    IReadOnlyList<EnrolmentCount> Enrolments, IReadOnlyList<CourseFunnel> Funnels, IReadOnlyList<MemberWeek> MemberGrowth);

/// <summary>
/// Pure (ANLY): the figures of a community's analytics from its facts. Definitions, so each number can be explained:
/// <list type="bullet">
/// <item>Revenue by day: gross, platform fee and creator share of payments that day; refunds and lost disputes by the day they happened;
/// net = creator share less the share refunds and lost disputes took back (as <c>earnings</c> counts it).</item>
/// <item>MRR per subscriber: the monthly amount (a yearly price / 12, half up) of each subscription paying at a moment — from its start, or
/// from its first paid renewal after a trial, until it ended. Movements compare each subscriber's MRR at a calendar month's start and
/// close: new (first time paying), reactivated (paying again), expansion, contraction, churned.</item>
/// <item>Active subscribers, MRR and ARPU (MRR / subscribers, half up) at the window's end; churn rate = subscribers paying at the start
/// who pay nothing at the end ÷ subscribers paying at the start; trial conversion = trials ended in the window that began paying.</item>
/// <item>Learning: enrolments made in the window, by course and source, and how far they got by its end (a stage is reached with the
/// lesson that takes the completed required lessons to 25/50/75 %); median time to complete over those that completed.</item>
/// <item>Members: joins, departures (left or lapsed) and bans by ISO week (Monday).</item>
/// </list>
/// </summary>
public static class AnalyticsFigures
{
    private static readonly Figure[] Revenue = [Figure.Gross, Figure.Fees, Figure.Net, Figure.Refunds, Figure.Disputes];

    public static IReadOnlyList<Contribution> Contributions(AnalyticsFacts facts, AnalyticsWindow window)
    {
        var all = new List<Contribution>();
        all.AddRange(Sales(facts.Sales, window));
        all.AddRange(MrrMovements(facts.Subscriptions, window));
        all.AddRange(Trials(facts.Subscriptions, window));
        all.AddRange(Learning(facts.Enrolments, facts.Courses, window));
        all.AddRange(facts.Members.Where(m => In(m.At, window)).Select(m => new Contribution(
            m.Kind switch { MemberChangeKind.Joined => Figure.Joined, MemberChangeKind.Left => Figure.Left, _ => Figure.Banned },
            WeekOf(m.At), SourceKind.Membership, m.MembershipId, m.UserId, m.At, 1)));
        return all;
    }

    public static CreatorAnalyticsReport Report(Guid communityId, AnalyticsFacts facts, AnalyticsWindow window)
    {
        var contributions = Contributions(facts, window);
        Money M(long amount) => new(amount, window.Currency);
        long Sum(IEnumerable<Contribution> of, Figure figure) => of.Where(c => c.Figure == figure).Sum(c => c.Value);
        int Count(IEnumerable<Contribution> of, Figure figure) => of.Count(c => c.Figure == figure);

        var revenue = contributions.Where(c => Revenue.Contains(c.Figure)).GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RevenueDay(g.Key, M(Sum(g, Figure.Gross)), M(Sum(g, Figure.Fees)), M(Sum(g, Figure.Net)), M(Sum(g, Figure.Refunds)), M(Sum(g, Figure.Disputes))))
            .ToList();
        var paying = facts.Subscriptions.Where(s => s.Currency == window.Currency).ToList();
        var mrr = Months(window).Select(m =>
        {
            var key = m.ToString("yyyy-MM");
            var of = contributions.Where(c => c.Key == key).ToList();
            var close = Min(m.AddMonths(1), window.End);
            return new MrrMonth(key, M(MrrByBuyer(paying, close).Values.Sum()), M(Sum(of, Figure.MrrNew)), M(Sum(of, Figure.MrrExpansion)),
                M(Sum(of, Figure.MrrContraction)), M(Sum(of, Figure.MrrChurned)), M(Sum(of, Figure.MrrReactivated)));
        }).ToList();
        var atEnd = MrrByBuyer(paying, window.End).Where(b => b.Value > 0).ToDictionary();
        var atStart = MrrByBuyer(paying, window.From).Where(b => b.Value > 0).Select(b => b.Key).ToList();
        var total = atEnd.Values.Sum();
        var (trialsEnded, trialsConverted) = (Count(contributions, Figure.TrialEnded), Count(contributions, Figure.TrialConverted));

        var enrolments = contributions.Where(c => c.Figure == Figure.Enrolled).GroupBy(c => c.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var course = facts.Courses[Guid.Parse(g.Key[..36])];
                return new EnrolmentCount(course.CourseId, course.Title, Enum.Parse<EnrolmentSource>(g.Key[37..], ignoreCase: true), g.Count());
            }).ToList();
        var funnels = facts.Courses.Values.OrderBy(c => c.Title, StringComparer.Ordinal).ThenBy(c => c.CourseId).Select(course =>
        {
            var of = contributions.Where(c => c.Key.StartsWith(course.CourseId.ToString(), StringComparison.Ordinal)).ToList();
            var days = facts.Enrolments.Where(e => of.Any(c => c.Figure == Figure.Completed && c.SourceId == e.Id))
                .Select(e => (e.CompletedAt!.Value - e.EnrolledAt).TotalDays).ToList();
            return new CourseFunnel(course.CourseId, course.Title, Count(of, Figure.Enrolled), Count(of, Figure.Started), Count(of, Figure.Reached25),
                Count(of, Figure.Reached50), Count(of, Figure.Reached75), Count(of, Figure.Completed), Median(days));
        }).ToList();
        var members = contributions.Where(c => c.Figure is Figure.Joined or Figure.Left or Figure.Banned).GroupBy(c => c.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MemberWeek(g.Key, Count(g, Figure.Joined), Count(g, Figure.Left), Count(g, Figure.Banned))).ToList();

        return new CreatorAnalyticsReport(communityId, window.From, window.End, window.Currency, M(total), atEnd.Count,
            atStart.Count == 0 ? null : Math.Round(atStart.Count(b => !atEnd.ContainsKey(b)) / (double)atStart.Count, 4),
            trialsEnded, trialsConverted, trialsEnded == 0 ? null : Math.Round(trialsConverted / (double)trialsEnded, 4),
            M(atEnd.Count == 0 ? 0 : (2 * total + atEnd.Count) / (2 * atEnd.Count)), revenue, mrr, enrolments, funnels, members);
    }

    /// <summary>The contributions behind one figure; a key narrows them to one row (a course id also matches its enrolments by source).</summary>
    public static IReadOnlyList<Contribution> Behind(AnalyticsFacts facts, AnalyticsWindow window, Figure figure, string? key) =>
        Contributions(facts, window).Where(c => c.Figure == figure && (key is null || c.Key == key || c.Key.StartsWith(key + "/", StringComparison.Ordinal)))
            .OrderBy(c => c.At).ThenBy(c => c.SourceId).ToList();

    private static IEnumerable<Contribution> Sales(IEnumerable<SaleFacts> sales, AnalyticsWindow window)
    {
        foreach (var sale in sales.Where(s => s.Currency == window.Currency))
        {
            Contribution C(Figure figure, DateTimeOffset at, long value) => new(figure, DayOf(at), SourceKind.Purchase, sale.Id, sale.BuyerId, at, value);
            if (sale.PaidAt is { } paid && sale.Gross > 0 && In(paid, window))
            {
                yield return C(Figure.Gross, paid, sale.Gross);
                yield return C(Figure.Fees, paid, sale.PlatformFee);
                yield return C(Figure.Net, paid, sale.CreatorShare);
            }
            foreach (var (figure, back) in sale.Refunds.Select(r => (Figure.Refunds, r)).Concat(sale.LostDisputes.Select(d => (Figure.Disputes, d))))
            {
                if (!In(back.At, window)) continue;
                yield return C(figure, back.At, back.Amount);
                yield return C(Figure.Net, back.At, -back.CreatorShare);
            }
        }
    }

    private static IEnumerable<Contribution> MrrMovements(IReadOnlyList<SubscriptionFacts> all, AnalyticsWindow window)
    {
        var subscriptions = all.Where(s => s.Currency == window.Currency).ToList();
        foreach (var month in Months(window))
        {
            var (open, close) = (month, Min(month.AddMonths(1), window.End));
            var key = month.ToString("yyyy-MM");
            var before = MrrByBuyer(subscriptions, open);
            var after = MrrByBuyer(subscriptions, close);
            foreach (var buyer in before.Keys.Union(after.Keys))
            {
                var (was, now) = (before.GetValueOrDefault(buyer), after.GetValueOrDefault(buyer));
                if (was == now) continue;
                var theirs = subscriptions.Where(s => s.BuyerId == buyer).ToList();
                var (figure, value) = (was, now) switch
                {
                    (0, _) when theirs.Any(s => s.PayingFrom < open) => (Figure.MrrReactivated, now),
                    (0, _) => (Figure.MrrNew, now),
                    (_, 0) => (Figure.MrrChurned, was),
                    _ when now > was => (Figure.MrrExpansion, now - was),
                    _ => (Figure.MrrContraction, was - now),
                };
                // The subscription that moved: the latest to start paying in the month, else the latest to end in it.
                var moved = theirs.Where(s => s.PayingFrom >= open && s.PayingFrom < close).MaxBy(s => s.PayingFrom)
                            ?? theirs.Where(s => s.EndedAt >= open && s.EndedAt < close).MaxBy(s => s.EndedAt) ?? theirs[0];
                yield return new Contribution(figure, key, SourceKind.Subscription, moved.Id, buyer,
                    moved.PayingFrom >= open && moved.PayingFrom < close ? moved.PayingFrom!.Value : moved.EndedAt ?? open, value);
            }
        }
    }

    private static IEnumerable<Contribution> Trials(IEnumerable<SubscriptionFacts> subscriptions, AnalyticsWindow window)
    {
        foreach (var s in subscriptions.Where(s => s.Currency == window.Currency && s.TrialEndsAt is { } end && In(end, window)))
        {
            yield return new Contribution(Figure.TrialEnded, MonthOf(s.TrialEndsAt!.Value), SourceKind.Subscription, s.Id, s.BuyerId, s.TrialEndsAt.Value, 1);
            if (s.PayingFrom is { } paying && paying < window.End)
                yield return new Contribution(Figure.TrialConverted, MonthOf(paying), SourceKind.Subscription, s.Id, s.BuyerId, paying, 1);
        }
    }

    private static IEnumerable<Contribution> Learning(IEnumerable<EnrolmentFacts> enrolments, IReadOnlyDictionary<Guid, CourseInfo> courses, AnalyticsWindow window)
    {
        foreach (var e in enrolments.Where(e => In(e.EnrolledAt, window)))
        {
            if (!courses.TryGetValue(e.CourseId, out var course)) continue;
            var key = e.CourseId.ToString();
            Contribution C(Figure figure, DateTimeOffset at, string? detail = null) =>
                new(figure, detail is null ? key : $"{key}/{detail}", SourceKind.Enrolment, e.Id, e.UserId, at, 1);
            yield return C(Figure.Enrolled, e.EnrolledAt, e.Source.ToString().ToUpperInvariant());
            var done = e.Lessons.Where(l => l.At < window.End && course.Lessons.Contains(l.LessonId)).OrderBy(l => l.At).ToList();
            if (done.Count > 0) yield return C(Figure.Started, done[0].At);
            foreach (var (figure, percent) in new[] { (Figure.Reached25, 25), (Figure.Reached50, 50), (Figure.Reached75, 75) })
            {
                var needed = (int)Math.Ceiling(course.Lessons.Count * percent / 100.0);
                if (needed > 0 && done.Count >= needed) yield return C(figure, done[needed - 1].At);
            }
            if (e.CompletedAt is { } completed && completed < window.End) yield return C(Figure.Completed, completed);
        }
    }

    /// <summary>Each subscriber's MRR at the close of a period ending at <paramref name="at"/> (exclusive): started before it, not ended before it.</summary>
    public static Dictionary<Guid, long> MrrByBuyer(IEnumerable<SubscriptionFacts> subscriptions, DateTimeOffset at) =>
        subscriptions.Where(s => s.PayingFrom < at && !(s.EndedAt < at)).GroupBy(s => s.BuyerId).ToDictionary(g => g.Key, g => g.Sum(Monthly));

    public static long Monthly(SubscriptionFacts s) => s.Interval switch
    {
        PriceInterval.Month => s.Amount,
        PriceInterval.Year => (s.Amount + 6) / 12,
        _ => 0,
    };

    private static IEnumerable<DateTimeOffset> Months(AnalyticsWindow window)
    {
        for (var m = new DateTimeOffset(window.From.UtcDateTime.Year, window.From.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero); m < window.End; m = m.AddMonths(1))
            yield return m;
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var middle = values.Count / 2;
        return Math.Round(values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2, 2);
    }

    private static bool In(DateTimeOffset at, AnalyticsWindow window) => at >= window.From && at < window.End;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");
    private static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM");

    public static string WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd");
    }
}
