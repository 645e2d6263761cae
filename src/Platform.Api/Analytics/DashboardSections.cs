using GraphQL;
using GraphQLParser.AST;
using Marten;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Social;
using Platform.Projections.Courses;
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
/// The member section's reads: the caller's memberships (active and pending), up to 10 courses they are taking, and the private
/// communities hidden from them (asked for the notifications). Null parts were not asked for.
/// </summary>
public sealed record MemberSection(IReadOnlyList<MembershipView> Memberships, IReadOnlyList<EnrolmentView>? ContinueLearning,
    IReadOnlyCollection<Guid>? HiddenCommunities)
{
    public IEnumerable<Guid> ActiveCommunities => Memberships.Where(m => m.Status == MembershipStatus.Active).Select(m => m.CommunityId);
}

/// <summary>
/// The dashboard's creator and moderator sections, started when the dashboard resolves, each on a query session of its own: a query's
/// fields resolve one after another on the request's one session, so the sections' round trips would add up; these two read while the
/// other sections resolve. The member section reads on the request's session when its field resolves (any field before it may use that
/// session too, so it cannot start earlier). Only sections the caller holds and the query asks for start.
/// </summary>
public sealed record DashboardReads(Caller Caller, IReadOnlySet<string> MemberAsked, Task<CommunitiesSection?> Creator, Task<CommunitiesSection?> Moderator)
{
    public static DashboardReads Start(IResolveFieldContext context, Caller caller)
    {
        var asked = DashboardSections.AskedBySection(context);
        var services = context.RequestServices!;
        var cancellation = context.CancellationToken;
        return new DashboardReads(caller, asked.GetValueOrDefault("member") ?? [], Own(Role.Creator), Own(Role.Moderator));

        Task<CommunitiesSection?> Own(Role role) =>
            caller.Holds(role) && asked.TryGetValue(role.ToString().ToLowerInvariant(), out var fields)
                ? Task.Run(async () =>
                {
                    await using var reads = services.GetRequiredService<IDocumentStore>().QuerySession();
                    return await DashboardSections.Communities(services, reads, caller, role, fields, cancellation);
                }, cancellation)
                : Task.FromResult<CommunitiesSection?>(null);
    }
}

/// <summary>
/// Each section of the dashboard is read in one round trip: it queues the reads of the fields the query asks for on one
/// batch, and the fields read memory. (Every read is a round trip with its own CPU cost in this process; the sections' fields
/// resolved one after another cost 30-odd.)
/// </summary>
public static class DashboardSections
{
    public static async Task<MemberSection?> Member(IServiceProvider services, Caller caller, IReadOnlySet<string> asked, CancellationToken cancellation)
    {
        if (!caller.IsSignedIn) return null;
        var userId = caller.UserId!.Value;
        var batch = services.GetRequiredService<IQuerySession>().CreateBatchQuery();
        // Memberships serve three fields: the list, the communities whose events come up, those whose notifications show.
        var memberships = batch.Query<MembershipView>().Where(m => m.UserId == userId).ToList();
        var privateOnes = asked.Contains("notifications")
            ? batch.Query<CommunityCard>().Where(c => c.Visibility == CommunityVisibility.Private).Select(c => c.Id).ToList() : null;
        var learning = asked.Contains("continueLearning")
            ? batch.Query<EnrolmentView>().Where(e => e.UserId == userId && e.CompletedAt == null && e.RevokedAt == null)
                .OrderByDescending(e => e.EnrolledAt).Take(10).ToList()
            : null;
        await batch.Execute(cancellation);
        // The enrolments' progress reads their courses: one query for all. (Not the batch's Include, which creates and drops a temporary
        // table on every read.)
        if (learning is not null)
            await services.GetRequiredService<DocumentLookup<CourseOutline>>().Prime((await learning).Select(e => e.CourseId), cancellation);
        var section = new MemberSection(await memberships, learning is null ? null : await learning, null);
        return privateOnes is null ? section
            : section with { HiddenCommunities = SocialAccess.HiddenCommunities(await privateOnes, section.ActiveCommunities.ToHashSet(), caller) };
    }

    public static async Task<CommunitiesSection?> Communities(IServiceProvider services, IQuerySession reads, Caller caller, Role role,
        IReadOnlySet<string> asked, CancellationToken cancellation)
    {
        if (!caller.Holds(role)) return null;
        var ids = caller.Account!.Grants.Where(g => g.Role == role).Select(g => g.CommunityId!.Value).Distinct().ToArray();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var creator = role == Role.Creator;
        var batch = reads.CreateBatchQuery();
        var communities = asked.Contains("communities") ? batch.LoadMany<CommunityCard>().ById(ids) : null;
        var pending = asked.Contains("pendingJoinRequests")
            ? batch.Query<MembershipView>().Where(m => m.CommunityId.IsOneOf(ids) && m.Status == MembershipStatus.Pending).Count() : null;
        var reports = asked.Contains("openReports")
            ? batch.Query<ModerationCaseView>().Where(c => c.CommunityId.IsOneOf(ids) && c.OpenReports > 0).Select(c => c.OpenReports).ToList() : null;
        var figures = creator && asked.Contains("figures") ? DashboardFigures.ForCreator(batch, ids, now) : null;
        var balance = creator && asked.Contains("payoutBalance")
            ? DashboardFigures.PayoutBalance(batch, caller.UserId!.Value, now, services.GetRequiredService<PayoutOptions>().HoldPeriod) : null;
        await batch.Execute(cancellation);
        return new CommunitiesSection(role,
            communities is null ? null : await communities,
            pending is null ? null : (int)await pending,
            reports is null ? null : (await reports).Sum(),
            figures is null ? null : await figures,
            balance is null ? null : await balance);
    }

    /// <summary>
    /// The names of the fields the query asks for under each of the dashboard's sections, by section (aliases and fragments resolved):
    /// the sections start before their own fields resolve, so they read the query's selections themselves.
    /// </summary>
    public static Dictionary<string, HashSet<string>> AskedBySection(IResolveFieldContext dashboard)
    {
        var fragments = dashboard.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var asked = new Dictionary<string, HashSet<string>>();
        foreach (var (field, type) in dashboard.SubFields?.Values.AsEnumerable() ?? [])
        {
            if (!asked.TryGetValue(type.Name, out var names)) asked[type.Name] = names = [];
            Collect(field.SelectionSet, names);
        }
        return asked;

        void Collect(GraphQLSelectionSet? selections, HashSet<string> names)
        {
            foreach (var selection in selections?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField field: names.Add(field.Name.StringValue); break;
                    case GraphQLInlineFragment inline: Collect(inline.SelectionSet, names); break;
                    case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                        Collect(fragment.SelectionSet, names); break;
                }
            }
        }
    }
}
