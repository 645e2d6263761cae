using System.Net;
using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Privacy;

public sealed class PrivacyExportApp : PlatformApp
{
    public const int ExportsPerDay = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Privacy:ExportsPerDay"] = $"{ExportsPerDay}" };
}

/// <summary>The personal data archive (PRIV): everything the person did, nothing of anyone else's, behind a signed link.</summary>
public sealed class when_a_member_exports_their_data(PrivacyExportApp app) : IClassFixture<PrivacyExportApp>
{
    private readonly PrivacyScenario scenario = new(app);
    private const string Export = "mutation { exportMyData { id url expiresAt categories } }";

    [Fact]
    public async Task a_busy_members_archive_has_every_category_and_nothing_private_of_others()
    {
        var shop = await scenario.OpenShop();
        var person = await scenario.Register();
        await scenario.Busy(person, shop);

        var export = (await app.Client(person.Subject).Data(Export)).GetProperty("exportMyData");
        var response = await app.Host.Server.CreateClient().GetAsync(new Uri(export.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var archive = JsonDocument.Parse(text).RootElement;

        var categories = archive.GetProperty("manifest").GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(["profile", "memberships", "enrolments", "purchases", "posts", "comments", "messages", "tickets"], categories);
        Assert.Equal(categories, export.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        foreach (var category in categories) Assert.True(archive.GetProperty(category).GetArrayLength() > 0, $"{category} is empty");
        Assert.Equal(person.Email, archive.GetProperty("profile")[0].GetProperty("email").GetString());
        Assert.Equal(2000, archive.GetProperty("purchases")[0].GetProperty("gross").GetInt64());
        Assert.NotEmpty(archive.GetProperty("enrolments")[0].GetProperty("enrolment").GetProperty("completedLessons").EnumerateArray());
        foreach (var mine in new[] { "Written by me", "My comment", "My message", "Help me", "Public answer" }) Assert.Contains(mine, text);
        // Someone else's comment on their post, the message they received, and the staff's internal note are not theirs to take.
        foreach (var theirs in new[] { "CREATOR-COMMENT-ON-MY-POST", "CREATOR-PRIVATE-MESSAGE", "STAFF-ONLY-NOTE" }) Assert.DoesNotContain(theirs, text);
    }

    [Fact]
    public async Task an_altered_link_is_refused_an_admin_can_export_for_a_user_and_exports_are_limited_per_day()
    {
        var person = await scenario.Register();
        var me = app.Client(person.Subject);
        var url = new Uri((await me.Data(Export)).GetProperty("exportMyData").GetProperty("url").GetString()!).PathAndQuery;
        var stranger = PrivacyScenario.User("other");
        await app.Client(stranger).Data("{ me { id } }");
        var altered = url.Replace(person.Id.ToString(), PlatformApp.UserId(stranger).ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Host.Server.CreateClient().GetAsync(altered)).StatusCode);

        var admin = app.Client(PrivacyScenario.User("admin"), "admin");
        var forUser = (await admin.Data("mutation($u: ID!) { exportUserData(userId: $u) { url } }", new { u = person.Id })).GetProperty("exportUserData");
        var archive = JsonDocument.Parse(await app.Host.Server.CreateClient().GetStringAsync(new Uri(forUser.GetProperty("url").GetString()!).PathAndQuery)).RootElement;
        Assert.Equal(person.Handle, archive.GetProperty("profile")[0].GetProperty("handle").GetString());

        for (var i = 2; i < PrivacyExportApp.ExportsPerDay; i++) await me.Data(Export);
        Assert.Equal("RATE_LIMITED", (await me.Send(Export)).FirstErrorCode);
    }
}
