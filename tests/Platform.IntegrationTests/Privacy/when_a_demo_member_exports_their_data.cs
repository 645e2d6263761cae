using System.Net;
using System.Text.Json;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Engagement;

namespace Platform.IntegrationTests.Privacy;

/// <summary>The personal data archive (PRIV) of Dave, the busiest member of the demo data <c>./platform up</c> loads.</summary>
public sealed class when_a_demo_member_exports_their_data(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task daves_archive_has_every_category_and_nothing_private_of_the_other_demo_people()
    {
        var dave = app.Client("dave");
        // The demo refund is confirmed by the local provider after the command; the archive is read from the projections.
        await Shops.Eventually(async () => (await dave.Data(Shops.PurchaseQuery, new { id = DeterministicId.From("demo", "purchase", "dave") })).GetProperty("purchase"),
            p => p.GetProperty("status").GetString() == "PARTIALLY_REFUNDED");
        await app.WaitForProjections();

        var url = (await dave.Data("mutation { exportMyData { url } }")).GetProperty("exportMyData").GetProperty("url").GetString()!;
        var response = await app.Host.Server.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var archive = JsonDocument.Parse(text).RootElement;

        var categories = archive.GetProperty("manifest").GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(["profile", "memberships", "enrolments", "purchases", "posts", "comments", "messages", "tickets"], categories);
        foreach (var category in categories) Assert.True(archive.GetProperty(category).GetArrayLength() > 0, $"{category} is empty");
        Assert.Equal(("dave@example.test", "Dave Schmidt"), (archive.GetProperty("profile")[0].GetProperty("email").GetString(),
            archive.GetProperty("profile")[0].GetProperty("displayName").GetString()));
        Assert.Equal(3, archive.GetProperty("memberships").GetArrayLength()); // active, pending and rejected
        Assert.Contains(archive.GetProperty("enrolments").EnumerateArray(), e => e.GetProperty("enrolment").GetProperty("completedLessons").GetArrayLength() > 0);
        var purchase = Assert.Single(archive.GetProperty("purchases").EnumerateArray());
        Assert.Equal((4900, 900), (purchase.GetProperty("gross").GetInt64(), purchase.GetProperty("refunded").GetInt64()));
        foreach (var his in new[] { "Hide glue or titebond", "Thanks! Hide glue it is.", "Could you look at my X brace photos", "Can I get a receipt",
                     "add the address under your purchases" })
            Assert.Contains(his, text);

        // Others' words beside his (Carol's answers, Bob's comment, the staff note, Bob's refund) and who the others are stay out.
        string[] theirs = ["Sure, send them over", "Hide glue: it sets hard", "Hello from Berlin", "Checked with finance", "wrong edition"];
        foreach (var other in DemoData.People.Where(p => p.Subject != "dave"))
            theirs = [.. theirs, other.Name, $"{other.Subject}@example.test"];
        Assert.All(theirs, t => Assert.DoesNotContain(t, text, StringComparison.OrdinalIgnoreCase));
    }
}
