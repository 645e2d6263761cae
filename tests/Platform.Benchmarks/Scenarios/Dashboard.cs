namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 9: the whole dashboard, every section, for one user who holds every role: a member of the classroom (enrolled, an event
/// coming up), the creator of a community of their own, a moderator of another, an admin and in finance. At the query rate
/// (open loop), with the API's CPU per request; the target is under 50 ms at p99.
/// </summary>
public static class Dashboard
{
    private const string Query = """
        { dashboard { roles
          member { memberships { id status } continueLearning { progressPercent } notifications { unreadCount } upcomingEvents { startsAt event { title } } }
          creator { communities { id name } pendingJoinRequests openReports
            figures { currency revenueToday { amount } revenueThisMonth { amount } mrr { amount } newMembersThisMonth }
            payoutBalance { currency available { amount } pending { amount } inTransit { amount } } }
          moderator { communities { id } pendingJoinRequests openReports }
          admin { platformStats { users activeUsers7Days communities courses enrolments purchases gross { amount currency } refunds openReports } }
          finance { backlog { pendingRefunds openDisputes payoutsInTransit } lastReconciliation { matched unreconciled } } } }
        """;

    public static async Task<ScenarioResult> Run(GraphQLApi graphql, ApiProcess api, Cluster cluster, Profile profile, World world, HashSet<string> fields)
    {
        var result = new ScenarioResult(9, $"The whole dashboard of a user with every role at {profile.QueryRate:0} requests/s (open loop)");
        // The token's community claim (a slug) seeds a moderator grant in the probe community on the user's first request.
        var everyone = graphql.Token("bench-everyone", ["member", "moderator", "admin", "finance"], "bench-probe");
        var own = (await graphql.Send(everyone, "mutation { createCommunity(input: { name: \"bench-own\", slug: \"bench-own\" }) { id } }"))
            .GetProperty("createCommunity").GetProperty("id").GetGuid();
        await graphql.Send(everyone, "mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = world.Classroom });
        await graphql.Send(everyone, "mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = world.Course });
        var start = DateTimeOffset.UtcNow.AddDays(2);
        await graphql.Send(everyone, "mutation($c: ID!, $i: CreateEventInput!) { createEvent(communityId: $c, input: $i) { id } }",
            new { c = own, i = new { title = "Office hours", startsAt = start, endsAt = start.AddHours(1) } });
        try { await graphql.Send(everyone, Query); }
        catch (InvalidOperationException e)
        {
            result.Rows.Add(new Row("dashboard", new() { ["per s"] = $"query not runnable: {e.Message}" }));
            return result;
        }

        Console.Error.WriteLine("  dashboard...");
        var (phase, load) = await Phase.OpenLoop(api, cluster, profile, profile.QueryRate, () => graphql.Send(everyone, Query));
        var row = load.QueryRow("dashboard, five sections (member, creator, moderator, admin, finance)");
        result.TopStatements.AddRange((await phase.End(row, load.Sent)).Select(s => s with { Case = $"dashboard: {s.Case}" }));
        result.Rows.Add(row);
        if (load.FirstError is { } error) result.Notes.Add($"dashboard, first error: {error}");
        result.Notes.Add($"The user is enrolled in the {profile.Modules}×{profile.LessonsPerModule}-lesson course, a member of the classroom with " +
                         $"{profile.Users} other members, a moderator of another community, the creator of a community with one event coming up, an admin and in finance.");
        return result;
    }
}
