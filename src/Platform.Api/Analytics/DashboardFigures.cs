using Marten;
using Platform.Api.Commerce;
using Platform.Api.Commerce.Graph;
using Platform.Contracts.Communities;
using Platform.Projections.Analytics;
using Platform.Projections.Commerce;
using Platform.Projections.Communities;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;

namespace Platform.Api.Analytics;

/// <summary>A creator's community at a glance (DASH creator section), one row per currency it sells in.</summary>
public sealed record CommunityFigures(Guid CommunityId, string Currency, Money RevenueToday, Money RevenueThisMonth, Money Mrr, int NewMembersThisMonth);

/// <summary>What the finance section counts: work waiting on people or on the provider.</summary>
public sealed record FinanceBacklog(int PendingRefunds, int OpenDisputes, int PayoutsInTransit);

/// <summary>
/// The dashboard's figures (DASH), from the same projections and definitions as <c>creatorAnalytics</c>: revenue is gross of the
/// UTC day and calendar month so far, MRR as at now, new members the joins of the month.
/// </summary>
public static class DashboardFigures
{
    /// <summary>Said by sections whose parts depend on modules not built yet, so a client shows the gap rather than a zero.</summary>
    public const string ReportsNotBuilt = "open reports: content reports (MODQ) are not built yet";

    public static async Task<IReadOnlyList<CommunityFigures>> ForCreator(IQuerySession reads, IReadOnlyList<Guid> communities, DateTimeOffset now,
        CancellationToken cancellation)
    {
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var end = now.AddTicks(1); // what happened at this very moment counts
        var rows = new List<CommunityFigures>();
        foreach (var community in communities)
        {
            var facts = await AnalyticsReads.Facts(reads, community, monthStart, end, cancellation);
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

    public static async Task<int> PendingJoinRequests(IQuerySession reads, IReadOnlyList<Guid> communities, CancellationToken cancellation)
    {
        var ids = communities.ToArray();
        return await reads.Query<MembershipView>().CountAsync(m => ids.Contains(m.CommunityId) && m.Status == MembershipStatus.Pending, cancellation);
    }

    public static async Task<FinanceBacklog> Finance(IQuerySession reads, CancellationToken cancellation) => new(
        await reads.Query<PurchaseView>().CountAsync(p => p.Refunds.Any(r => r.Status == RefundStatus.Pending), cancellation),
        await reads.Query<PurchaseView>().CountAsync(p => p.Disputes.Any(d => d.Won == null), cancellation),
        await reads.Query<PayoutView>().CountAsync(p => p.Status == PayoutStatus.InTransit, cancellation));
}
