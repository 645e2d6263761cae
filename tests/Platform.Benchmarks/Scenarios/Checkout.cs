namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: checkout end to end with the local payment provider, 16 buyers in a closed loop: <c>startCheckout</c>,
/// then <c>completeLocalPayment</c> (the provider's "paid" event path), after which the buyer is enrolled and the
/// ledger projection writes the purchase's lines.
/// </summary>
public static class Checkout
{
    public static async Task<ScenarioResult> Run(GraphQLApi graphql, ApiProcess api, Cluster cluster, Profile profile, World world, HashSet<string> fields)
    {
        var result = new ScenarioResult(5, $"Checkout end to end (local provider), {Profile.Clients} buyers (closed loop)");
        const string name = "startCheckout → completeLocalPayment";
        var missing = new[] { "mutation.setPrice", "mutation.startCheckout", "mutation.completeLocalPayment", "mutation.startPayoutOnboarding" }
            .Where(f => !fields.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            result.Rows.Add(new Row(name, new() { ["per s"] = $"not available in this build (no {string.Join(", ", missing.Select(f => f.Split('.')[1]))})" }));
            return result;
        }

        // The creator can be paid (onboarding finished on the provider's page) and sells paid courses in the classroom,
        // whose members (the world's users) buy them: one purchase per (course, buyer).
        var onboarding = (await graphql.Send(world.CreatorToken, "mutation { startPayoutOnboarding { onboardingUrl } }"))
            .GetProperty("startPayoutOnboarding").GetProperty("onboardingUrl").GetString()!;
        await graphql.PostPage(onboarding);
        var products = new List<Guid>();
        for (var p = 0; p < profile.Products; p++)
        {
            var course = (await graphql.Send(world.CreatorToken, "mutation($c: ID!, $t: String!) { createCourse(communityId: $c, input: { title: $t, access: PAID }) { id } }",
                new { c = world.Classroom, t = $"Paid course {p}" })).GetProperty("createCourse").GetProperty("id").GetGuid();
            var module = (await graphql.Send(world.CreatorToken, "mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Module\" }) { draft { id } } }",
                new { c = course })).GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetGuid();
            await graphql.Send(world.CreatorToken, "mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Lesson\", body: \"Paid notes\" }) { id } }", new { m = module });
            await graphql.Send(world.CreatorToken, "mutation($p: ID!) { setPrice(productId: $p, input: { amount: 4900, currency: \"eur\" }) { id } }", new { p = course });
            await graphql.Send(world.CreatorToken, "mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
            products.Add(course);
        }

        Console.Error.WriteLine($"  {name}...");
        var (phase, load) = await Phase.ClosedLoop(api, cluster, profile, async (client, n) =>
        {
            if (world.Pair(products, client, n) is not { } pair) return false;
            var (buyer, product) = pair;
            var checkout = (await graphql.Send(buyer, "mutation($p: ID!) { startCheckout(input: { productId: $p }) { checkoutId } }",
                new { p = product })).GetProperty("startCheckout").GetProperty("checkoutId").GetString();
            var status = (await graphql.Send(buyer, "mutation($c: ID!) { completeLocalPayment(checkoutId: $c, outcome: SUCCEEDED) { status } }",
                new { c = checkout })).GetProperty("completeLocalPayment").GetProperty("status").GetString();
            if (status != "PAID") throw new InvalidOperationException($"The purchase is {status}, not PAID.");
            return true;
        });
        var row = new Row(name, new()
        {
            ["per s"] = load.PerSecond,
            ["p50 ms"] = load.Latency.Percentile(50),
            ["p99 ms"] = load.Latency.Percentile(99),
            ["ops"] = load.Operations,
            ["errors"] = load.Errors,
        });
        result.TopStatements.AddRange(await phase.End(row, load.Sent));
        result.MostCalled.AddRange(phase.MostCalled);
        result.Rows.Add(row);
        if (load.FirstError is { } error) result.Notes.Add($"First error: {error}");
        // Phase.End waited for the daemon: every paid purchase should now have its enrolment and its ledger lines.
        // Marten stores property names as they are in C#.
        var enrolled = await cluster.Scalar("select count(*) from platform.mt_doc_enrolmentview where data->>'Source' = 'Purchase'");
        var ledgered = await cluster.Scalar("select count(distinct data->>'PurchaseId') from platform.mt_doc_ledgerline");
        result.Notes.Add($"One operation is both mutations for a new (paid course, buyer) pair, price 49.00 eur. Afterwards {enrolled:N0} enrolments " +
                         $"from purchases and ledger lines for {ledgered:N0} purchases (the ledger is an async projection).");
        return result;
    }
}
