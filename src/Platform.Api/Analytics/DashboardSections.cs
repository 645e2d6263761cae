using GraphQL;
using Marten;
using Platform.Api.Identity;
using Platform.Api.Payouts;
using Platform.Contracts.Communities;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Moderation;

namespace Platform.Api.Analytics;

/// <summary>
/// A creator's or moderator's section of the dashboard (DASH): the communities in which the caller holds the role, what waits there,
/// and (creator only) the month's figures and the payout balance. Null parts were not asked for.
/// </summary>
public sealed record CommunitiesSection(
    Role Role, IReadOnlyList<CommunityCard>? Communities, int? PendingJoinRequests, int? OpenReports,
    IReadOnlyList<CommunityFigures>? Figures, IReadOnlyList<Earnings>? PayoutBalance);

/// <summary>
/// Each section of the dashboard is read in one round trip: its resolver queues the reads of the fields the query asks for on one
/// batch, and the fields read memory. (Every read is a round trip with its own CPU cost in this process; the sections' fields
/// resolved one after another cost 30-odd.)
/// </summary>
public static class DashboardSections
{
    public static async Task<CommunitiesSection?> Communities(IResolveFieldContext context, Caller caller, Role role)
    {
        if (!caller.Holds(role)) return null;
        var ids = caller.Account!.Grants.Where(g => g.Role == role).Select(g => g.CommunityId!.Value).Distinct().ToArray();
        var asked = Asked(context);
        var services = context.RequestServices!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var creator = role == Role.Creator;
        var batch = services.GetRequiredService<IQuerySession>().CreateBatchQuery();
        var communities = asked.Contains("communities") ? batch.LoadMany<CommunityCard>().ById(ids) : null;
        var pending = asked.Contains("pendingJoinRequests")
            ? batch.Query<MembershipView>().Where(m => m.CommunityId.IsOneOf(ids) && m.Status == MembershipStatus.Pending).Count() : null;
        var reports = asked.Contains("openReports")
            ? batch.Query<ModerationCaseView>().Where(c => c.CommunityId.IsOneOf(ids) && c.OpenReports > 0).Select(c => c.OpenReports).ToList() : null;
        var figures = creator && asked.Contains("figures") ? DashboardFigures.ForCreator(batch, ids, now) : null;
        var balance = creator && asked.Contains("payoutBalance")
            ? DashboardFigures.PayoutBalance(batch, caller.UserId!.Value, now, services.GetRequiredService<PayoutOptions>().HoldPeriod) : null;
        await batch.Execute(context.CancellationToken);
        return new CommunitiesSection(role,
            communities is null ? null : await communities,
            pending is null ? null : (int)await pending,
            reports is null ? null : (await reports).Sum(),
            figures is null ? null : await figures,
            balance is null ? null : await balance);
    }

    /// <summary>The names of the fields asked for under this one (aliases and fragments resolved).</summary>
    private static HashSet<string> Asked(IResolveFieldContext context) =>
        context.SubFields?.Values.Select(f => f.FieldType.Name).ToHashSet() ?? [];
}
