using System.Text.Json;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Courses;

public sealed class when_a_creator_builds_a_course(PlatformApp app) : IClassFixture<PlatformApp>
{
    private const string Outline = "id published modules { id title lessons { id title } } draft { id title lessons { id title dripDays } }";


    private async Task<(string Creator, string Community)> Community(string visibility = "PUBLIC")
    {
        var creator = Unique("crs");
        var id = await Given.Community(app.Client(creator), "Course home", Unique("home-"), visibility: visibility);
        return (creator, id);
    }

    private async Task<JsonElement> Build(string creator, string community)
    {
        var client = app.Client(creator);
        var course = (await client.Data($"mutation($c: ID!) {{ createCourse(communityId: $c, input: {{ title: \"Luthiery 101\", description: \"From plank to guitar\" }}) {{ {Outline} }} }}",
            new { c = community })).GetProperty("createCourse");
        var courseId = course.GetProperty("id").GetString();
        foreach (var module in new[] { "Wood", "Bracing" })
            await client.Data("mutation($c: ID!, $t: String!) { addModule(courseId: $c, input: { title: $t }) { id } }", new { c = courseId, t = module });
        var draft = (await client.Data($"query($c: ID!) {{ course(id: $c) {{ {Outline} }} }}", new { c = courseId })).GetProperty("course").GetProperty("draft");
        foreach (var (module, lessons) in new[] { (draft[0], new[] { "Choosing spruce", "Quarter-sawing" }), (draft[1], new[] { "X bracing" }) })
            foreach (var lesson in lessons)
                await client.Data("mutation($m: ID!, $t: String!) { addLesson(moduleId: $m, input: { title: $t, body: \"# Notes\", dripDays: 2 }) { id } }",
                    new { m = module.GetProperty("id").GetString(), t = lesson });
        return (await client.Data($"query($c: ID!) {{ course(id: $c) {{ {Outline} }} }}", new { c = courseId })).GetProperty("course");
    }

    private static string[][] Titles(JsonElement modules) =>
        modules.EnumerateArray().Select(m => m.GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("title").GetString()!).ToArray()).ToArray();

    [Fact]
    public async Task a_course_is_built_published_and_seen_by_learners_as_published()
    {
        var (creator, community) = await Community();
        var course = await Build(creator, community);
        var courseId = course.GetProperty("id").GetString();
        Assert.Equal([["Choosing spruce", "Quarter-sawing"], ["X bracing"]], Titles(course.GetProperty("draft")));
        Assert.False(course.GetProperty("published").GetBoolean());

        var hidden = await app.Client(Unique("learner")).Data("query($c: ID!) { course(id: $c) { id } }", new { c = courseId });
        await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = courseId });
        await app.WaitForProjections();
        var seen = (await app.Client(Unique("learner")).Data("query($c: ID!) { course(id: $c) { title published modules { title lessons { title dripDays } } } }", new { c = courseId }))
            .GetProperty("course");

        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("course").ValueKind);
        Assert.True(seen.GetProperty("published").GetBoolean());
        Assert.Equal([["Choosing spruce", "Quarter-sawing"], ["X bracing"]], Titles(seen.GetProperty("modules")));
        var events = await app.EventsOf(Guid.Parse(courseId!));
        Assert.Equal([typeof(CourseCreated), typeof(ModuleAdded), typeof(ModuleAdded), typeof(LessonAdded), typeof(LessonAdded), typeof(LessonAdded), typeof(CoursePublished)],
            events.Select(e => e.Data.GetType()));
    }

    [Fact]
    public async Task edits_after_publishing_stay_in_the_draft_until_the_next_publish()
    {
        var (creator, community) = await Community();
        var course = await Build(creator, community);
        var courseId = course.GetProperty("id").GetString();
        var client = app.Client(creator);
        await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = courseId });

        var wood = course.GetProperty("draft")[0].GetProperty("id").GetString();
        await client.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Drying\" }) { id } }", new { m = wood });
        var during = (await client.Data($"query($c: ID!) {{ course(id: $c) {{ {Outline} }} }}", new { c = courseId })).GetProperty("course");
        await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = courseId });
        var after = (await client.Data($"query($c: ID!) {{ course(id: $c) {{ {Outline} }} }}", new { c = courseId })).GetProperty("course");

        Assert.Equal([["Choosing spruce", "Quarter-sawing"], ["X bracing"]], Titles(during.GetProperty("modules")));
        Assert.Equal([["Choosing spruce", "Quarter-sawing", "Drying"], ["X bracing"]], Titles(during.GetProperty("draft")));
        Assert.Equal([["Choosing spruce", "Quarter-sawing", "Drying"], ["X bracing"]], Titles(after.GetProperty("modules")));
    }

    [Fact]
    public async Task lessons_move_within_and_across_modules_without_losing_any()
    {
        var (creator, community) = await Community();
        var course = await Build(creator, community);
        var draft = course.GetProperty("draft");
        var (wood, bracing) = (draft[0].GetProperty("id").GetString(), draft[1].GetProperty("id").GetString());
        var quarter = draft[0].GetProperty("lessons")[1].GetProperty("id").GetString();
        var xBracing = draft[1].GetProperty("lessons")[0].GetProperty("id").GetString();
        const string move = "mutation($l: ID!, $m: ID!, $p: Int!) { moveLesson(lessonId: $l, moduleId: $m, position: $p) { draft { lessons { title } } } }";
        var client = app.Client(creator);

        await client.Data(move, new { l = quarter, m = wood, p = 0 });
        var moved = (await client.Data(move, new { l = xBracing, m = wood, p = 1 })).GetProperty("moveLesson").GetProperty("draft");
        var badPosition = await client.Send(move, new { l = quarter, m = bracing, p = 5 });

        Assert.Equal([["Quarter-sawing", "X bracing", "Choosing spruce"], []], Titles(moved));
        Assert.Equal("VALIDATION", badPosition.FirstErrorCode);
    }

    [Fact]
    public async Task only_the_communitys_creator_builds_its_courses()
    {
        var (creator, community) = await Community();
        var course = await Build(creator, community);
        var courseId = course.GetProperty("id").GetString();
        var (otherCreator, _) = await Community();

        var byMember = await app.Client(Unique("mem")).Send("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Mine\" }) { id } }", new { c = community });
        var byOtherCreator = await app.Client(otherCreator).Send("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Sneaky\" }) { id } }", new { c = courseId });
        var bodyAsLearner = await app.Client(Unique("mem")).Send("query($c: ID!) { course(id: $c) { draft { id } } }", new { c = courseId });

        Assert.Equal("FORBIDDEN", byMember.FirstErrorCode);
        Assert.Equal("NOT_FOUND", byOtherCreator.FirstErrorCode);
        Assert.Equal(JsonValueKind.Null, bodyAsLearner.Body.GetProperty("data").GetProperty("course").ValueKind); // unpublished: not there at all
        Assert.Equal(6, (await app.EventsOf(Guid.Parse(courseId!))).Count);
    }

    [Fact]
    public async Task a_published_course_in_a_private_community_is_hidden_from_outsiders()
    {
        var (creator, community) = await Community("PRIVATE");
        var courseId = (await Build(creator, community)).GetProperty("id").GetString();
        await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = courseId });
        await app.WaitForProjections();

        var outsider = await app.Client(Unique("out")).Data("query($c: ID!) { course(id: $c) { id } }", new { c = courseId });

        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("course").ValueKind);
    }

    [Theory]
    [InlineData("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"L\", access: LEVEL }) { id } }")]
    [InlineData("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"  \" }) { id } }")]
    public async Task invalid_courses_are_refused(string mutation)
    {
        var (creator, community) = await Community();

        Assert.Equal("VALIDATION", (await app.Client(creator).Send(mutation, new { c = community })).FirstErrorCode);
    }

    [Fact]
    public async Task an_empty_course_cannot_be_published_and_a_lesson_drips_one_way_only()
    {
        var (creator, community) = await Community();
        var client = app.Client(creator);
        var courseId = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Empty\" }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString();
        var moduleId = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"M\" }) { draft { id } } }", new { c = courseId }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString();

        var publish = await client.Send("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = courseId });
        var bothDrips = await client.Send("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"T\", dripDays: 1, dripAt: \"2027-01-01T00:00:00Z\" }) { id } }", new { m = moduleId });

        Assert.Equal("VALIDATION", publish.FirstErrorCode);
        Assert.Equal("VALIDATION", bothDrips.FirstErrorCode);
    }

    [Fact]
    public async Task the_classroom_lists_published_courses_and_drafts_only_for_the_creator()
    {
        var (creator, community) = await Community();
        var draftId = (await Build(creator, community)).GetProperty("id").GetString();
        var publishedId = (await Build(creator, community)).GetProperty("id").GetString();
        await app.Client(creator).Data("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = publishedId });
        await app.WaitForProjections();
        const string classroom = "query($c: ID) { community(id: $c) { courses { id } } }";

        var asCreator = (await app.Client(creator).Data(classroom, new { c = community })).GetProperty("community").GetProperty("courses");
        var asVisitor = (await app.Client(Unique("visit")).Data(classroom, new { c = community })).GetProperty("community").GetProperty("courses");

        Assert.Equal([draftId, publishedId], asCreator.EnumerateArray().Select(x => x.GetProperty("id").GetString()));
        Assert.Equal([publishedId], asVisitor.EnumerateArray().Select(x => x.GetProperty("id").GetString()));
    }
}
