using Platform.Contracts;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Engagement;

/// <summary>The app as <c>./platform up</c> starts it, demo data included.</summary>
public sealed class DemoApp : PlatformApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Platform:DemoData"] = "true" };
}

public sealed class when_the_demo_data_is_loaded(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task dave_has_reached_level_2_and_unlocked_the_level_course_and_bob_has_not()
    {
        var (guitar, fretwork) = (DeterministicId.From("demo", "community", "guitar"), DeterministicId.From("demo", "course", "fretwork"));
        const string Level = "query($c: ID!) { myLevel(communityId: $c) { points level levelName unlockedCourseIds } }";
        var dave = await Shops.Eventually(async () => (await app.Client("dave").Data(Level, new { c = guitar })).GetProperty("myLevel"),
            level => level.GetProperty("unlockedCourseIds").EnumerateArray().Any(c => c.GetGuid() == fretwork));
        Assert.Equal((5, 2, "Apprentice"), (dave.GetProperty("points").GetInt32(), dave.GetProperty("level").GetInt32(), dave.GetProperty("levelName").GetString()));
        Assert.Null((await app.Client("dave").Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = fretwork })).Errors);

        var bob = (await app.Client("bob").Data(Level, new { c = guitar })).GetProperty("myLevel");
        Assert.Equal((1, 1, 0), (bob.GetProperty("points").GetInt32(), bob.GetProperty("level").GetInt32(), bob.GetProperty("unlockedCourseIds").GetArrayLength()));
        Assert.Equal("FORBIDDEN", (await app.Client("bob").Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = fretwork })).FirstErrorCode);
    }
}
