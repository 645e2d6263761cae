using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.IntegrationTests.Support;
using Platform.IntegrationTests.Video;

namespace Platform.IntegrationTests.Courses;

public sealed class when_a_learner_watches_a_lesson_video(VideoPlatformApp app) : IClassFixture<VideoPlatformApp>
{
    private readonly Classroom classroom = new(app);

    private const string Record = """
        mutation($l: ID!, $p: Int!, $r: [WatchedRangeInput!]!) { recordVideoProgress(lessonId: $l, positionSeconds: $p, watchedRanges: $r, durationSeconds: 200) {
            resumeAt watchedPercent } }
        """;

    /// <summary>A published course whose lessons carry a video, with "complete only after watching 90 %".</summary>
    private async Task<Built> Filmed(params string[] lessons)
    {
        var built = await classroom.Course(lessons, publish: false);
        var creator = app.Client(built.Creator);
        foreach (var lesson in built.Lessons)
            await creator.Data("mutation($l: ID!) { requestVideoUpload(lessonId: $l, input: { fileName: \"cut.mp4\", sizeBytes: 4000 }) { videoId } }", new { l = lesson });
        await creator.Data("mutation($c: ID!) { updateCourse(courseId: $c, input: { title: \"Joinery\", requiredWatchPercent: 90 }) { id } }", new { c = built.Course });
        await classroom.Publish(built.Creator, built.Course);
        return built;
    }

    private static object Ranges(params (int Start, int End)[] ranges) => ranges.Select(r => new { start = r.Start, end = r.End }).ToArray();

    [Fact]
    public async Task progress_is_kept_per_lesson_and_only_thresholds_become_events_and_the_watch_rule_holds_completion()
    {
        var built = await Filmed("Dovetails");
        var learner = await classroom.Learner(built);
        var lesson = built.Lessons[0];

        var first = (await learner.Data(Record, new { l = lesson, p = 60, r = Ranges((0, 60)) })).GetProperty("recordVideoProgress");
        var repeated = (await learner.Data(Record, new { l = lesson, p = 60, r = Ranges((0, 60)) })).GetProperty("recordVideoProgress");
        var early = await learner.Send("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lesson });
        await learner.Data(Record, new { l = lesson, p = 70, r = Ranges((60, 70)) });
        await learner.Data(Record, new { l = lesson, p = 100, r = Ranges((40, 100)) });
        var most = (await learner.Data(Record, new { l = lesson, p = 150, r = Ranges((100, 150), (170, 190)) })).GetProperty("recordVideoProgress");
        var seen = (await learner.Data("query($c: ID!) { course(id: $c) { modules { lessons { resumeAt watchedPercent } } } }", new { c = built.Course }))
            .GetProperty("course").GetProperty("modules")[0].GetProperty("lessons")[0];

        Assert.Equal((60, 30), (first.GetProperty("resumeAt").GetInt32(), first.GetProperty("watchedPercent").GetInt32()));
        Assert.Equal(first.ToString(), repeated.ToString());
        Assert.Equal("CONFLICT", early.FirstErrorCode);
        Assert.Equal((150, 85), (most.GetProperty("resumeAt").GetInt32(), most.GetProperty("watchedPercent").GetInt32()));
        Assert.Equal((150, 85), (seen.GetProperty("resumeAt").GetInt32(), seen.GetProperty("watchedPercent").GetInt32()));
        Assert.Equal("CONFLICT", (await learner.Send("mutation($l: ID!) { completeLesson(lessonId: $l) { id } }", new { l = lesson })).FirstErrorCode);
        await learner.Data(Record, new { l = lesson, p = 200, r = Ranges((150, 200)) });
        Assert.Equal(100, (await learner.Data("mutation($l: ID!) { completeLesson(lessonId: $l) { progressPercent } }", new { l = lesson }))
            .GetProperty("completeLesson").GetProperty("progressPercent").GetInt32());
        var userId = Guid.Parse((await learner.Data("{ me { id } }")).GetProperty("me").GetProperty("id").GetString()!);
        var watched = (await app.EventsOf(DeterministicId.Enrolment(Guid.Parse(built.Course), userId))).Select(e => e.Data).OfType<VideoWatched>().Select(w => w.Percent);
        Assert.Equal([25, 50, 75, 100], watched); // six reports, four thresholds crossed
    }

    [Fact]
    public async Task only_enrolled_learners_record_progress_and_reports_are_bounded()
    {
        var built = await Filmed("Mortises");
        var member = await classroom.Learner(built, enrol: false);
        var learner = await classroom.Learner(built);

        var notEnrolled = await member.Send(Record, new { l = built.Lessons[0], p = 10, r = Ranges((0, 10)) });
        var beyond = await learner.Send(Record, new { l = built.Lessons[0], p = 500, r = Ranges((0, 10)) });
        var tooMany = await learner.Send(Record, new { l = built.Lessons[0], p = 10, r = Ranges([.. Enumerable.Range(0, 51).Select(i => (2 * i, 2 * i + 1))]) });

        Assert.Equal("FORBIDDEN", notEnrolled.FirstErrorCode);
        Assert.Equal("VALIDATION", beyond.FirstErrorCode);
        Assert.Equal("VALIDATION", tooMany.FirstErrorCode);
    }
}
