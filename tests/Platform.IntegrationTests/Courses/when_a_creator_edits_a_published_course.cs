using System.Text.Json;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Commerce;
using Platform.IntegrationTests.Support;

namespace Platform.IntegrationTests.Courses;

public sealed class when_a_creator_edits_a_published_course(PlatformApp app) : IClassFixture<PlatformApp>
{
    private readonly Classroom classroom = new(app);

    private const string Seen = "query($c: ID!) { course(id: $c) { title published archived whatsNew modules { title lessons { id title optional } } } }";

    private static string[][] Titles(JsonElement course) =>
        [.. course.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("title").GetString()!).ToArray())];

    [Fact]
    public async Task edits_deletions_and_moves_reach_learners_on_the_next_publish_with_a_whats_new()
    {
        var built = await classroom.Course(["Dovetails", "Mortises", "Glue-ups"]);
        var creator = app.Client(built.Creator);
        var learner = await classroom.Learner(built);

        await creator.Data("mutation($c: ID!) { updateCourse(courseId: $c, input: { title: \"Fine joinery\", description: \"Hand tools only\" }) { id } }", new { c = built.Course });
        await creator.Data("mutation($m: ID!) { updateModule(moduleId: $m, input: { title: \"Classic joints\" }) { id } }", new { m = built.Module });
        await creator.Data("mutation($l: ID!) { updateLesson(lessonId: $l, input: { title: \"Through dovetails\", body: \"Mark, saw, chop\", optional: true }) { id } }",
            new { l = built.Lessons[0] });
        await creator.Data("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", new { l = built.Lessons[2] });
        var second = (await creator.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"Finishing\" }) { draft { id } } }", new { c = built.Course }))
            .GetProperty("addModule").GetProperty("draft")[1].GetProperty("id").GetString();
        await creator.Data("mutation($m: ID!) { addLesson(moduleId: $m, input: { title: \"Oil\" }) { id } }", new { m = second });
        var moved = (await creator.Data("mutation($m: ID!) { moveModule(moduleId: $m, position: 0) { draft { title } } }", new { m = second }))
            .GetProperty("moveModule").GetProperty("draft");
        var before = (await learner.Data(Seen, new { c = built.Course })).GetProperty("course");
        var published = await classroom.Publish(built.Creator, built.Course);
        var after = (await learner.Data(Seen, new { c = built.Course })).GetProperty("course");
        var deletedAgain = await creator.Send("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", new { l = built.Lessons[2] });
        var stranger = await app.Client(Given.Unique("peek")).Send("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", new { l = built.Lessons[1] });

        Assert.Equal(["Finishing", "Classic joints"], moved.EnumerateArray().Select(m => m.GetProperty("title").GetString()));
        Assert.Equal("Fine joinery", before.GetProperty("title").GetString());
        Assert.Equal([["Dovetails", "Mortises", "Glue-ups"]], Titles(before));
        Assert.Equal([["Oil"], ["Through dovetails", "Mortises"]], Titles(after));
        Assert.True(after.GetProperty("modules")[1].GetProperty("lessons")[0].GetProperty("optional").GetBoolean());
        Assert.Equal(["New module: Finishing", "New lesson: Oil", "Module renamed: Joints → Classic joints", "Updated lesson: Through dovetails", "Removed lesson: Glue-ups"],
            published.GetProperty("whatsNew").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(published.GetProperty("whatsNew").ToString(), after.GetProperty("whatsNew").ToString());
        Assert.Null(deletedAgain.Errors);
        Assert.Equal("FORBIDDEN", stranger.FirstErrorCode); // a plain member holds no creator role at all
        var events = (await app.EventsOf(Guid.Parse(built.Course))).Select(e => e.Data.GetType()).ToList();
        Assert.Equal(1, events.Count(t => t == typeof(LessonDeleted)));
        Assert.Contains(typeof(ModuleMoved), events);
    }

    [Fact]
    public async Task deleting_a_lesson_recomputes_progress_and_keeps_the_learners_history()
    {
        var built = await classroom.Course(["One", "Two", "Three", "Four"]);
        var learner = await classroom.Learner(built);
        foreach (var lesson in built.Lessons[..2])
            await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lesson });
        const string progress = "query($c: ID!) { course(id: $c) { viewerEnrolment { completedLessons progressPercent completedAt } } }";
        var before = (await learner.Data(progress, new { c = built.Course })).GetProperty("course").GetProperty("viewerEnrolment");

        await app.Client(built.Creator).Data("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", new { l = built.Lessons[1] });
        var draftOnly = (await learner.Data(progress, new { c = built.Course })).GetProperty("course").GetProperty("viewerEnrolment");
        await classroom.Publish(built.Creator, built.Course);
        var after = (await learner.Data(progress, new { c = built.Course })).GetProperty("course").GetProperty("viewerEnrolment");
        var completedDeleted = await learner.Send("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = built.Lessons[1] });

        Assert.Equal((2, 50), (before.GetProperty("completedLessons").GetInt32(), before.GetProperty("progressPercent").GetInt32()));
        Assert.Equal(50, draftOnly.GetProperty("progressPercent").GetInt32());
        Assert.Equal((2, 33), (after.GetProperty("completedLessons").GetInt32(), after.GetProperty("progressPercent").GetInt32()));
        Assert.Equal("NOT_FOUND", completedDeleted.FirstErrorCode);
        var enrolment = await app.EventsOf(Platform.Contracts.DeterministicId.Enrolment(Guid.Parse(built.Course), Guid.Parse(
            (await learner.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!)));
        Assert.Equal(2, enrolment.Count(e => e.Data is LessonCompleted));
    }

    [Fact]
    public async Task when_the_only_lesson_left_undone_is_deleted_completing_a_done_lesson_again_completes_the_course()
    {
        var built = await classroom.Course(["One", "Two"]);
        var learner = await classroom.Learner(built);
        await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = built.Lessons[0] });
        await app.Client(built.Creator).Data("mutation($l: ID!) { deleteLesson(lessonId: $l) { id } }", new { l = built.Lessons[1] });
        await classroom.Publish(built.Creator, built.Course);

        var again = (await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { progressPercent completedAt certificate { id } } }", new { l = built.Lessons[0] }))
            .GetProperty("completeLesson");

        Assert.Equal(100, again.GetProperty("progressPercent").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, again.GetProperty("completedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, again.GetProperty("certificate").ValueKind);
    }

    [Fact]
    public async Task unpublishing_keeps_enrolled_learners_in_the_last_published_version_and_stops_new_enrolments()
    {
        var built = await classroom.Course(["Sharpening"]);
        var enrolled = await classroom.Learner(built);
        var member = await classroom.Learner(built, enrol: false);
        await app.Client(built.Creator).Data("mutation($l: ID!) { updateLesson(lessonId: $l, input: { title: \"Honing\" }) { id } }", new { l = built.Lessons[0] });

        var unpublished = (await app.Client(built.Creator).Data("mutation($c: ID!) { unpublishCourse(courseId: $c) { published } }", new { c = built.Course }))
            .GetProperty("unpublishCourse");
        var kept = (await enrolled.Data(Seen, new { c = built.Course })).GetProperty("course");
        var body = await enrolled.Data("query($c: ID!) { course(id: $c) { modules { lessons { body } } } }", new { c = built.Course });
        var completed = await enrolled.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { progressPercent } }", new { l = built.Lessons[0] });
        var hidden = await member.Data(Seen, new { c = built.Course });
        var late = await member.Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = built.Course });
        await app.WaitForProjections();
        var classroomList = await member.Data("query($c: ID) { community(id: $c) { courses { id } } }", new { c = built.Community });
        var learning = await enrolled.Data("{ myLearning { nodes { course { id title } } } }");

        Assert.False(unpublished.GetProperty("published").GetBoolean());
        Assert.Equal([["Sharpening"]], Titles(kept));
        Assert.Equal("Saw to the line", body.GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("body").GetString());
        Assert.Equal(100, completed.GetProperty("completeLesson").GetProperty("progressPercent").GetInt32());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("course").ValueKind);
        Assert.Equal("NOT_FOUND", late.FirstErrorCode);
        Assert.Empty(classroomList.GetProperty("community").GetProperty("courses").EnumerateArray());
        Assert.Equal(built.Course, learning.GetProperty("myLearning").GetProperty("nodes")[0].GetProperty("course").GetProperty("id").GetString());
    }

    [Fact]
    public async Task a_learner_who_paid_keeps_access_after_unpublishing_and_archiving()
    {
        var shops = new Shops(app);
        var shop = await shops.Open(amount: 3000);
        var buyer = await shops.Member(shop);
        await buyer.Data(Shops.Pay, new { c = await Shops.Checkout(buyer, shop), o = "SUCCEEDED" });
        var creator = app.Client(shop.Creator);

        await creator.Data("mutation($c: ID!) { unpublishCourse(courseId: $c) { id } }", new { c = shop.ProductId });
        var afterUnpublish = await buyer.Data("query($c: ID!) { course(id: $c) { lock { reason } modules { lessons { body } } } }", new { c = shop.ProductId });
        var newBuyer = await shops.Member(shop);
        var notForSale = await newBuyer.Send(Shops.StartCheckout, new { p = shop.ProductId });
        var archived = (await creator.Data("mutation($c: ID!) { archiveCourse(courseId: $c) { published archived } }", new { c = shop.ProductId })).GetProperty("archiveCourse");
        var afterArchive = await buyer.Data("query($c: ID!) { course(id: $c) { archived modules { lessons { body } } } }", new { c = shop.ProductId });
        var republish = await creator.Send("mutation($c: ID!) { publishCourse(courseId: $c) { id } }", new { c = shop.ProductId });

        Assert.Equal(JsonValueKind.Null, afterUnpublish.GetProperty("course").GetProperty("lock").ValueKind);
        Assert.Equal("secret", afterUnpublish.GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("body").GetString());
        Assert.Equal("CONFLICT", notForSale.FirstErrorCode);
        Assert.Equal((false, true), (archived.GetProperty("published").GetBoolean(), archived.GetProperty("archived").GetBoolean()));
        Assert.Equal("secret", afterArchive.GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("body").GetString());
        Assert.Equal("CONFLICT", republish.FirstErrorCode);
    }
}
