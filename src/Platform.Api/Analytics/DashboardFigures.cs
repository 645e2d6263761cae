using Marten;
using Marten.Services.BatchQuerying;
using Platform.Api.Commerce;
using Platform.Api.Commerce.Graph;
using Platform.Contracts.Communities;
using Platform.Projections.Analytics;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;
using Platform.Api.Calendar;
using Platform.Api.Payouts;
using Platform.Contracts.Identity;
using Platform.Contracts.Ledger;
using Platform.Projections.Identity;

namespace Platform.Api.Analytics;

/// <summary>A creator's community at a glance (DASH creator section), one row per currency it sells in.</summary>
public sealed record CommunityFigures(Guid CommunityId, string Currency, Money RevenueToday, Money RevenueThisMonth, Money Mrr, int NewMembersThisMonth);

/// <summary>What the finance section counts: work waiting on people or on the provider.</summary>
public sealed record FinanceBacklog(int PendingRefunds, int OpenDisputes, int PayoutsInTransit);

/// <summary>The last reconciliation of the ledger against the provider, and what it could not match (the finance section).</summary>
public sealed record LastReconciliation(DateTimeOffset From, DateTimeOffset To, int Matched, IReadOnlyList<string> Mismatches, DateTimeOffset CompletedAt);

/// <summary>
/// The dashboard's figures (DASH), from the same projections and definitions as <c>creatorAnalytics</c>: revenue is gross of the
/// UTC day and calendar month so far, MRR as at now, new members the joins of the month. Each reads every community of a section at once
/// (one round trip), never one community after another.
/// </summary>
public static class DashboardFigures
{
    public static readonly TimeSpan UpcomingEventsAhead = TimeSpan.FromDays(14);
    public const int MaxUpcomingEvents = 10;

    /// <summary>Queues the reads on <paramref name="batch"/>; the task completes once the caller has executed it.</summary>
    public static async Task<IReadOnlyList<CommunityFigures>> ForCreator(IBatchedQuery batch, IReadOnlyList<Guid> communities, DateTimeOffset now)
    {
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var end = now.AddTicks(1); // what happened at this very moment counts
        var ids = communities.ToArray();
        // Only what the month's figures count: sales paid in it, subscriptions still paying at its start, its membership changes.
        var sales = batch.Query<SaleFacts>().Where(s => s.CommunityId.IsOneOf(ids) && s.PaidAt >= monthStart).ToList();
        var subscriptions = batch.Query<SubscriptionFacts>().Where(s => s.CommunityId.IsOneOf(ids) && (s.EndedAt == null || s.EndedAt >= monthStart)).ToList();
        var members = batch.Query<MemberChange>().Where(m => m.CommunityId.IsOneOf(ids) && m.At >= monthStart && m.At < end).ToList();
        var noCourses = new Dictionary<Guid, CourseInfo>();
        var rows = new List<CommunityFigures>();
        foreach (var community in communities)
        {
            var facts = new AnalyticsFacts([.. (await sales).Where(s => s.CommunityId == community)], [.. (await subscriptions).Where(s => s.CommunityId == community)],
                [], [.. (await members).Where(m => m.CommunityId == community)], noCourses);
            var currencies = facts.Sales.Select(s => s.Currency).Concat(facts.Subscriptions.Select(s => s.Currency)).Distinct().Order().ToList();
            foreach (var currency in currencies.Count == 0 ? ["usd"] : currencies)
            {
                var report = AnalyticsFigures.Report(community, facts, new AnalyticsWindow(monthStart, end, currency));
                var today = AnalyticsFigures.DayOf(now);
                rows.Add(new CommunityFigures(community, currency,
                    new Money(report.RevenueByDay.Where(d => d.Day == today).Sum(d => d.Gross.Amount), currency),
                    new Money(report.RevenueByDay.Sum(d => d.Gross.Amount), currency), report.Mrr, report.MemberGrowth.Sum(w => w.Joined)));
            }
        }
        return rows;
    }

    /// <summary>The creator's balances, one per currency they earned in: what is available to pay out, pending (held), in transit.</summary>
    /// <remarks>Queues the reads on <paramref name="batch"/>; the task completes once the caller has executed it.</remarks>
    public static async Task<IReadOnlyList<Earnings>> PayoutBalance(IBatchedQuery batch, Guid creatorId, DateTimeOffset now, TimeSpan hold)
    {
        var (lines, covered) = await PayoutsQueries.LedgerOf(batch, creatorId, now);
        return [.. lines.GroupBy(l => l.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => EarningsCalculator.Compute(creatorId, g.Key, [.. g], null, null, now, hold, covered))];
    }

    /// <summary>The next occurrences of events in the caller's communities (active memberships and those they run), soonest first.</summary>
    public static async Task<IReadOnlyList<EventOccurrence>> UpcomingEvents(IQuerySession reads, UserAccount account, IEnumerable<Guid> memberOf, DateTimeOffset now,
        NodaTime.DateTimeZone viewer, CancellationToken cancellation)
    {
        var staffOf = account.Grants.Where(g => g.CommunityId is not null && g.Role is Role.Creator or Role.Moderator).Select(g => g.CommunityId!.Value);
        var communities = memberOf.Concat(staffOf).Distinct().ToArray();
        var events = await reads.Query<CalendarEvent>().Where(e => e.CommunityId.IsOneOf(communities) && !e.Cancelled).ToListAsync(cancellation);
        return [.. events.SelectMany(e => e.Occurrences(now, now + UpcomingEventsAhead, viewer).Select(o => new EventOccurrence(e, o)))
            .OrderBy(o => o.Occurrence.StartsAt).ThenBy(o => o.Event.Id).Take(MaxUpcomingEvents)];
    }

    public static async Task<FinanceBacklog> Finance(IQuerySession reads, CancellationToken cancellation)
    {
        var batch = reads.CreateBatchQuery();
        var refunds = batch.Query<PurchaseView>().Where(p => p.HasPendingRefund).Count();
        var disputes = batch.Query<PurchaseView>().Where(p => p.HasOpenDispute).Count();
        var inTransit = batch.Query<PayoutView>().Where(p => p.Status == PayoutStatus.InTransit).Count();
        await batch.Execute(cancellation);
        return new FinanceBacklog((int)await refunds, (int)await disputes, (int)await inTransit);
    }

    /// <summary>The latest reconciliation run recorded (a day run again counts by its latest run), or null before the first.</summary>
    public static async Task<LastReconciliation?> LastReconciliation(IQuerySession reads, CancellationToken cancellation) =>
        await reads.Events.QueryRawEventDataOnly<ReconciliationCompleted>().OrderByDescending(r => r.CompletedAt).FirstOrDefaultAsync(cancellation) is { } run
            ? new LastReconciliation(run.From, run.To, run.Matched, run.Mismatches, run.CompletedAt)
            : null;
}
