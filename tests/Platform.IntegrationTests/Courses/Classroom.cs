using System.Text.Json;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Courses;

/// <summary>A creator's course in an open community, built through GraphQL, and learners who join it.</summary>
public sealed record Built(string Creator, string Community, string Course, string Module, string[] Lessons);

public sealed class Classroom(PlatformApp app)
{
    /// <summary>One module of lessons; published unless told otherwise (a PAID course is priced first, and only then).</summary>
    public async Task<Built> Course(string[] lessons, string access = "FREE", int? unlockLevel = null, bool publish = true)
    {
        var creator = Given.Unique("teach");
        var client = app.Client(creator);
        var community = await Given.Community(client, "Workshop");
        var course = (await client.Data("mutation($c: ID!, $a: CourseAccess, $u: Int) { createCourse(communityId: $c, input: { title: \"Joinery\", access: $a, unlockLevel: $u }) { id } }",
            new { c = community, a = access, u = unlockLevel })).GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Joints\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        var ids = new List<string>();
        foreach (var title in lessons)
            ids.Add((await client.Data("mutation($m: ID!, $t: String!) { addLesson(moduleId: $m, input: { title: $t, body: \"Saw to the line\" }) { draft { lessons { id } } } }",
                new { m = module, t = title })).GetProperty("addLesson").GetProperty("draft")[0].GetProperty("lessons")[ids.Count].GetProperty("id").GetString()!);
        if (access == "PAID" && publish)
            await client.Data("mutation($p: ID!) { setPrice(productId: $p, input: { amount: 2500, currency: \"eur\" }) { id } }", new { p = course });
        if (publish) await Publish(creator, course);
        return new Built(creator, community, course, module, [.. ids]);
    }

    public async Task<JsonElement> Publish(string creator, string course) =>
        (await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id whatsNew } }", new { c = course })).GetProperty("publishCourse");

    /// <summary>A new active member of the course's community, enrolled in it when <paramref name="enrol"/>.</summary>
    public async Task<GraphQLClient> Learner(Built built, bool enrol = true)
    {
        var learner = app.Client(Given.Unique("learn"));
        await learner.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = built.Community });
        if (enrol) await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = built.Course });
        return learner;
    }
}
