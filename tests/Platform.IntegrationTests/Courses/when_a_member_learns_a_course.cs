using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;
using static Platform.IntegrationTests.Support.Given;

namespace Platform.IntegrationTests.Courses;

public sealed class when_a_member_learns_a_course(PlatformApp app) : IClassFixture<PlatformApp>
{

    /// <summary>A published course in an open community: lessons (title, dripDays, dripAt) in one module.</summary>
    private async Task<(string Community, string Course, string[] Lessons)> Published(params (string Title, int? DripDays, string? DripAt)[] lessons)
    {
        var creator = Unique("teach");
        var client = app.Client(creator);
        var community = await Community(client, "School", Unique("school-"));
        var course = (await client.Data("mutation($c: ID!) { createCourse(communityId: $c, input: { title: \"Finishing\" }) { id } }", new { c = community }))
            .GetProperty("createCourse").GetProperty("id").GetString()!;
        var module = (await client.Data("mutation($c: ID!) { addModule(courseId: $c, input: { title: \"All\" }) { draft { id } } }", new { c = course }))
            .GetProperty("addModule").GetProperty("draft")[0].GetProperty("id").GetString()!;
        foreach (var (title, dripDays, dripAt) in lessons)
            await client.Data("mutation($m: ID!, $t: String!, $d: Int, $a: DateTimeOffset) { addLesson(moduleId: $m, input: { title: $t, body: \"Read me\", dripDays: $d, dripAt: $a }) { id } }",
                new { m = module, t = title, d = dripDays, a = dripAt });
        var published = (await client.Data("mutation($c: ID!) { publishCourse(courseId: $c) { modules { lessons { id } } } }", new { c = course }))
            .GetProperty("publishCourse").GetProperty("modules")[0].GetProperty("lessons").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToArray();
        return (community, course, published);
    }

    private async Task<GraphQLClient> Learner(string community)
    {
        var learner = app.Client(Unique("learn"));
        await learner.Data("mutation($c: ID!) { joinCommunity(communityId: $c) { status } }", new { c = community });
        return learner;
    }

    private const string Lessons = "query($c: ID!) { course(id: $c) { modules { lessons { title locked lockReason completed } } } }";

    [Fact]
    public async Task lessons_open_on_enrolment_and_by_drip_and_complete_only_when_open()
    {
        var (community, course, lessons) = await Published(("Sanding", null, null), ("Oiling", null, "2020-01-01T00:00:00Z"), ("Waxing", 2, null));
        var learner = await Learner(community);

        var before = (await learner.Data(Lessons, new { c = course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons");
        var enrolment = (await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id source progressPercent } }", new { c = course })).GetProperty("enrolFree");
        var sanded = await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons } }", new { l = lessons[0] });
        var again = await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons } }", new { l = lessons[0] });
        var tooEarly = await learner.Send("mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons } }", new { l = lessons[2] });
        var oiled = await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { completedLessons progressPercent certificate { id } } }", new { l = lessons[1] });
        var after = (await learner.Data(Lessons, new { c = course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons");

        Assert.All(before.EnumerateArray(), l => Assert.Equal("NOT_ENROLLED", l.GetProperty("lockReason").GetString()));
        Assert.Equal(("FREE", 0), (enrolment.GetProperty("source").GetString(), enrolment.GetProperty("progressPercent").GetInt32()));
        Assert.Equal(1, sanded.GetProperty("completeLesson").GetProperty("completedLessons").GetInt32());
        Assert.Equal(1, again.GetProperty("completeLesson").GetProperty("completedLessons").GetInt32());
        Assert.Equal("FORBIDDEN", tooEarly.FirstErrorCode);
        Assert.Equal((2, 66), (oiled.GetProperty("completeLesson").GetProperty("completedLessons").GetInt32(), oiled.GetProperty("completeLesson").GetProperty("progressPercent").GetInt32()));
        Assert.Equal(JsonValueKind.Null, oiled.GetProperty("completeLesson").GetProperty("certificate").ValueKind);
        Assert.Equal([(false, true), (false, true), (true, false)],
            after.EnumerateArray().Select(l => (l.GetProperty("locked").GetBoolean(), l.GetProperty("completed").GetBoolean())));
        Assert.Equal("DRIP", after[2].GetProperty("lockReason").GetString());
        var events = await app.EventsOf(Guid.Parse(enrolment.GetProperty("id").GetString()!));
        Assert.Equal([typeof(Enrolled), typeof(LessonCompleted), typeof(LessonCompleted)], events.Select(e => e.Data.GetType()));
    }

    [Fact]
    public async Task completing_every_lesson_issues_a_certificate_anyone_can_verify()
    {
        var (community, course, lessons) = await Published(("One", null, null), ("Two", null, null));
        var learner = await Learner(community);
        await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });

        await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lessons[1] });
        var done = (await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { id completedAt progressPercent certificate { id courseTitle } } }",
            new { l = lessons[0] })).GetProperty("completeLesson");
        var certificateId = done.GetProperty("certificate").GetProperty("id").GetString();
        var verified = await app.Client().Data("query($c: ID!) { verifyCertificate(certificateId: $c) { courseTitle learnerName issuedAt } }", new { c = certificateId });
        var own = await learner.Data("query($e: ID!) { certificate(enrolmentId: $e) { id } }", new { e = done.GetProperty("id").GetString() });
        var someoneElses = await app.Client(Unique("peek")).Send("query($e: ID!) { certificate(enrolmentId: $e) { id } }", new { e = done.GetProperty("id").GetString() });
        var forged = await app.Client().Data("query($c: ID!) { verifyCertificate(certificateId: $c) { id } }", new { c = Guid.NewGuid() });
        var mine = await learner.Data("{ myLearning { nodes { course { title } progressPercent } } }");

        Assert.Equal(100, done.GetProperty("progressPercent").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);
        Assert.Equal("Finishing", verified.GetProperty("verifyCertificate").GetProperty("courseTitle").GetString());
        Assert.Equal(certificateId, own.GetProperty("certificate").GetProperty("id").GetString());
        Assert.Equal("NOT_FOUND", someoneElses.FirstErrorCode);
        Assert.Equal(JsonValueKind.Null, forged.GetProperty("verifyCertificate").ValueKind);
        Assert.Equal(("Finishing", 100), (mine.GetProperty("myLearning").GetProperty("nodes")[0].GetProperty("course").GetProperty("title").GetString(),
            mine.GetProperty("myLearning").GetProperty("nodes")[0].GetProperty("progressPercent").GetInt32()));
    }

    [Fact]
    public async Task bodies_open_to_enrolled_learners_only()
    {
        var (community, course, _) = await Published(("Open", null, null));
        var learner = await Learner(community);
        const string body = "query($c: ID!) { course(id: $c) { modules { lessons { body } } } }";

        var notYet = await learner.Send(body, new { c = course });
        await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        var now = await learner.Data(body, new { c = course });

        Assert.Equal("FORBIDDEN", notYet.FirstErrorCode);
        Assert.Equal("Read me", now.GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task enrolling_needs_membership_and_a_free_published_course_and_is_idempotent()
    {
        var (community, course, _) = await Published(("Only", null, null));
        var stranger = app.Client(Unique("stranger"));
        var learner = await Learner(community);

        var notMember = await stranger.Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });
        var first = await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id enrolledAt } }", new { c = course });
        var second = await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id enrolledAt } }", new { c = course });
        var missing = await learner.Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = Guid.NewGuid() });
        var notEnrolled = await stranger.Send("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = Guid.NewGuid() });

        Assert.Equal("FORBIDDEN", notMember.FirstErrorCode);
        Assert.Equal(first.GetProperty("enrolFree").ToString(), second.GetProperty("enrolFree").ToString());
        Assert.Equal("NOT_FOUND", missing.FirstErrorCode);
        Assert.Equal("FORBIDDEN", notEnrolled.FirstErrorCode);
    }

    [Fact]
    public async Task a_revoked_enrolment_locks_the_course_and_invalidates_its_certificate()
    {
        var (community, course, lessons) = await Published(("Only", null, null));
        var learner = await Learner(community);
        var enrolment = (await learner.Data("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course })).GetProperty("enrolFree").GetProperty("id").GetString()!;
        var certificate = (await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { certificate { id } } }", new { l = lessons[0] }))
            .GetProperty("completeLesson").GetProperty("certificate").GetProperty("id").GetString();
        var userId = (await learner.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!;

        // What commerce sends on a full refund or a lost dispute.
        await using var scope = app.Host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
        await bus.InvokeAsync(new Platform.Api.Courses.RevokeEnrolment(Guid.Parse(course), Guid.Parse(userId), "Refunded in full"));
        await bus.InvokeAsync(new Platform.Api.Courses.RevokeEnrolment(Guid.Parse(course), Guid.Parse(userId), "Refunded in full"));

        var verified = (await app.Client().Data("query($c: ID!) { verifyCertificate(certificateId: $c) { valid revokedAt } }", new { c = certificate })).GetProperty("verifyCertificate");
        var lesson = (await learner.Data(Lessons, new { c = course })).GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0];
        var again = await learner.Send("mutation($c: ID!) { enrolFree(courseId: $c) { id } }", new { c = course });

        Assert.False(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("NOT_ENROLLED", lesson.GetProperty("lockReason").GetString());
        Assert.Equal("FORBIDDEN", again.FirstErrorCode);
        Assert.Single(await app.EventsOf(Guid.Parse(enrolment)), e => e.Data is EnrolmentRevoked);
    }
}
