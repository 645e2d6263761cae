using Platform.Benchmarks;

namespace Platform.Faults;

/// <summary>What the buyers act on, made through the API before any fault: a creator who can be paid, a community, a paid course in it.</summary>
public sealed class Setup
{
    public const long Price = 4900;
    public const string Currency = "eur";

    private GraphQLApi api = null!;

    public required string CreatorToken { get; init; }
    public required Guid Community { get; init; }
    public required Guid Product { get; init; }

    public string Token(string user) => api.Token(user);

    public static async Task<Setup> Build(GraphQLApi api)
    {
        var creator = api.Token("fault-creator");
        // The first request provisions the creator; on a machine this loaded it can outlast the client's timeout, and asking again is harmless.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await api.Send(creator, "{ me { id } }");
                break;
            }
            catch (Exception e) when (e is TaskCanceledException or InvalidOperationException && attempt < 5) { }
        }
        var community = (await api.Send(creator, "mutation { createCommunity(input: { name: \"Faults\", slug: \"faults\" }) { id } }"))
            .GetProperty("createCommunity").GetProperty("id").GetGuid();
        // A community's owner is a creator, who may then finish payout onboarding on the provider's page.
        var onboarding = (await api.Send(creator, "mutation { startPayoutOnboarding { onboardingUrl } }"))
            .GetProperty("startPayoutOnboarding").GetProperty("onboardingUrl").GetString()!;
        await api.PostPage(onboarding);
        var course = (await api.Send(creator, "mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Paid course\", access: PAID }) { id } }",
            new { c = community })).GetProperty("createCourse").GetProperty("id").GetGuid();
        var module = (await api.Send(creator, "mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Module\" }) { draft { id } } }",
            new { c = course })).GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetGuid();
        await api.Send(creator, "mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Lesson\", body: \"Paid notes\" }) { id } }", new { m = module });
        await api.Send(creator, $"mutation($p: ID!) {{ setPrice(productId: $p, input: {{ amount: {Price}, currency: \"{Currency}\" }}) {{ id }} }}", new { p = course });
        await api.Send(creator, "mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = course });
        return new Setup { api = api, CreatorToken = creator, Community = community, Product = course };
    }
}
