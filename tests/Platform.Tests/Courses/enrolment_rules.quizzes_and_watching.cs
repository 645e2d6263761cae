using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Tests.Courses;

/// <summary>The learner's side, continued: the course lock, quizzes, watch progress and what completing a lesson needs.</summary>
public sealed partial class enrolment_rules
{
    private static LessonOutline LessonWith(bool video = false, LessonQuiz? quiz = null, bool optional = false) => new()
    {
        Id = Guid.NewGuid(), Title = "L", Quiz = quiz, Optional = optional,
        Video = video ? new LessonVideo { Id = Guid.NewGuid(), Provider = "local", ProviderVideoId = "v" } : null,
    };

    private static EnrolmentView Enrolled(CourseOutline course, params Guid[] completed) => Enrolled(course, Now.AddDays(-1), completed);

    private static readonly QuizQuestion Single = new(Guid.NewGuid(), "One", ["a", "b", "c"], [1], Multiple: false);
    private static readonly QuizQuestion Multiple = new(Guid.NewGuid(), "Many", ["a", "b", "c"], [0, 2], Multiple: true);

    [Fact]
    public void the_course_lock_says_what_the_caller_must_do_first()
    {
        var course = Course(LessonWith());

        Assert.Equal(CourseLockReason.NotMember, Enrolment.LockOf(course, null, activeMember: false, levelReached: 1));
        Assert.Equal(CourseLockReason.NotEnrolled, Enrolment.LockOf(course, null, activeMember: true, levelReached: 1));
        Assert.Null(Enrolment.LockOf(course, Enrolled(course), activeMember: true, levelReached: 1));
        var revoked = Enrolled(course);
        revoked.RevokedAt = Now;
        Assert.Equal(CourseLockReason.NotEnrolled, Enrolment.LockOf(course, revoked, activeMember: true, levelReached: 1));
        course.Access = CourseAccess.Paid;
        Assert.Equal(CourseLockReason.PaymentRequired, Enrolment.LockOf(course, null, activeMember: true, levelReached: 1));
        (course.Access, course.UnlockLevel) = (CourseAccess.Level, 3);
        Assert.Equal(CourseLockReason.Level, Enrolment.LockOf(course, null, activeMember: true, levelReached: 2));
        Assert.Equal(CourseLockReason.NotEnrolled, Enrolment.LockOf(course, null, activeMember: true, levelReached: 3));
        Assert.Equal(CourseLockReason.NotMember, Enrolment.LockOf(course, null, activeMember: false, levelReached: 1));
    }

    [Fact]
    public void a_quiz_is_scored_on_the_server_and_a_question_is_right_only_with_exactly_its_right_choices()
    {
        var lesson = LessonWith(quiz: new LessonQuiz(100, [Single, Multiple]));
        var course = Course(lesson);
        var enrolment = Enrolled(course);

        var half = Assert.IsType<QuizAttempted>(Assert.Single(Enrolment.SubmitQuiz(course, enrolment, lesson.Id,
            [new QuizAnswer(Single.QuestionId, [1]), new QuizAnswer(Multiple.QuestionId, [0])], Now)));
        enrolment.QuizAttempts[lesson.Id] = 1;
        var full = Assert.IsType<QuizAttempted>(Assert.Single(Enrolment.SubmitQuiz(course, enrolment, lesson.Id,
            [new QuizAnswer(Single.QuestionId, [1]), new QuizAnswer(Multiple.QuestionId, [2, 0, 2])], Now)));

        Assert.Equal((1, 50, false), (half.Attempt, half.ScorePercent, half.Passed));
        Assert.Equal([Single.QuestionId], half.CorrectQuestions);
        Assert.Equal((2, 100, true), (full.Attempt, full.ScorePercent, full.Passed));
        Assert.Equal(0, Assert.IsType<QuizAttempted>(Assert.Single(Enrolment.SubmitQuiz(course, enrolment, lesson.Id, [], Now))).ScorePercent);
        foreach (var invalid in new QuizAnswer[][]
                 {
                     [new(Single.QuestionId, [0, 1])], [new(Single.QuestionId, [3])], [new(Guid.NewGuid(), [0])],
                     [new(Single.QuestionId, [1]), new(Single.QuestionId, [1])],
                 })
            Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Enrolment.SubmitQuiz(course, enrolment, lesson.Id, invalid, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Enrolment.SubmitQuiz(course, null, lesson.Id, [], Now)).Code);
        enrolment.QuizAttempts[lesson.Id] = Enrolment.MaxQuizAttempts;
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Enrolment.SubmitQuiz(course, enrolment, lesson.Id, [], Now)).Code);
    }

    [Fact]
    public void a_lesson_with_a_quiz_completes_once_passed_and_one_with_a_video_once_the_watch_rule_is_met()
    {
        var quizzed = LessonWith(quiz: new LessonQuiz(50, [Single]));
        var watched = LessonWith(video: true);
        var course = Course(quizzed, watched);
        course.RequiredWatchPercent = 90;
        var enrolment = Enrolled(course);

        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Enrolment.Complete(course, enrolment, quizzed.Id, "Ada", 0, Now)).Code);
        enrolment.PassedQuizzes.Add(quizzed.Id);
        Assert.IsType<LessonCompleted>(Assert.Single(Enrolment.Complete(course, enrolment, quizzed.Id, "Ada", 0, Now)));
        var error = Assert.Throws<DomainException>(() => Enrolment.Complete(course, enrolment, watched.Id, "Ada", 89, Now));
        Assert.Equal((ErrorCodes.Conflict, true), (error.Code, error.Message.Contains("90%")));
        Assert.IsType<LessonCompleted>(Assert.Single(Enrolment.Complete(course, enrolment, watched.Id, "Ada", 90, Now)));
        course.RequiredWatchPercent = null;
        Assert.IsType<LessonCompleted>(Assert.Single(Enrolment.Complete(course, enrolment, watched.Id, "Ada", 0, Now)));
    }

    [Fact]
    public void optional_and_deleted_lessons_do_not_count_towards_progress_or_completion()
    {
        var (required, optional, deleted) = (LessonWith(), LessonWith(optional: true), LessonWith());
        var course = Course(required, optional);
        var enrolment = Enrolled(course, deleted.Id);

        Assert.Equal(0, Enrolment.ProgressPercent(course, enrolment));
        var events = Enrolment.Complete(course, enrolment, required.Id, "Ada", 0, Now);
        Assert.Equal([typeof(LessonCompleted), typeof(CourseCompleted), typeof(CertificateIssued)], events.Select(e => e.GetType()));
        enrolment.CompletedLessons.Add(required.Id);
        Assert.Equal(100, Enrolment.ProgressPercent(course, enrolment));
        Assert.Contains(deleted.Id, enrolment.CompletedLessons);
    }

    [Fact]
    public void completing_a_done_lesson_again_completes_a_course_whose_remaining_lesson_was_deleted_and_then_changes_nothing()
    {
        var (done, remaining) = (LessonWith(), LessonWith());
        var course = Course(done, remaining);
        var enrolment = Enrolled(course, done.Id);
        Assert.Empty(Enrolment.Complete(course, enrolment, done.Id, "Ada", 0, Now));

        course.Published![0].Lessons.Remove(remaining);
        Assert.Equal([typeof(CourseCompleted), typeof(CertificateIssued)], Enrolment.Complete(course, enrolment, done.Id, "Ada", 0, Now).Select(e => e.GetType()));
        enrolment.CompletedAt = Now;
        Assert.Empty(Enrolment.Complete(course, enrolment, done.Id, "Ada", 0, Now));
    }

    [Fact]
    public void watch_reports_merge_into_ranges_and_only_crossing_a_threshold_is_an_event()
    {
        var lesson = LessonWith(video: true);
        var course = Course(lesson);
        var enrolment = Enrolled(course);
        RecordVideoProgress Report(int position, params (int, int)[] ranges) =>
            new(lesson.Id, position, [.. ranges.Select(r => new WatchedRange(r.Item1, r.Item2))], 100, Learner);

        var (first, firstEvents) = Enrolment.RecordWatch(course, enrolment, null, Report(20, (0, 20)), Now);
        var (again, againEvents) = Enrolment.RecordWatch(course, enrolment, first, Report(20, (0, 20)), Now);
        var (more, moreEvents) = Enrolment.RecordWatch(course, enrolment, again, Report(60, (10, 30), (50, 60)), Now);
        var (most, mostEvents) = Enrolment.RecordWatch(course, enrolment, more, Report(100, (30, 50), (60, 150)) with { DurationSeconds = 10 }, Now);

        Assert.Equal((20, 20), (first.WatchedPercent, first.PositionSeconds));
        Assert.Empty(firstEvents);
        Assert.Equal(first.WatchedPercent, again.WatchedPercent);
        Assert.Equal(first.Ranges, again.Ranges);
        Assert.Empty(againEvents);
        Assert.Equal([new WatchedRange(0, 30), new WatchedRange(50, 60)], more.Ranges);
        Assert.Equal(25, Assert.IsType<VideoWatched>(Assert.Single(moreEvents)).Percent);
        Assert.Equal((100, 100), (most.WatchedPercent, most.DurationSeconds));
        Assert.Equal([new WatchedRange(0, 100)], most.Ranges);
        Assert.Equal(100, Assert.IsType<VideoWatched>(Assert.Single(mostEvents)).Percent);
        Assert.Equal(WatchProgress.IdOf(Learner, lesson.Id), most.Id);
    }

    [Fact]
    public void a_watch_report_is_checked_before_it_is_kept()
    {
        var lesson = LessonWith(video: true);
        var course = Course(lesson, LessonWith());
        var enrolment = Enrolled(course);
        var valid = new RecordVideoProgress(lesson.Id, 5, [new WatchedRange(0, 5)], 100, Learner);

        foreach (var invalid in new[]
                 {
                     valid with { PositionSeconds = 101 }, valid with { DurationSeconds = 0 }, valid with { WatchedRanges = [new WatchedRange(5, 5)] },
                     valid with { WatchedRanges = [.. Enumerable.Range(0, Enrolment.MaxRangesPerReport + 1).Select(i => new WatchedRange(2 * i, 2 * i + 1))] },
                     valid with { LessonId = course.Published![0].Lessons[1].Id },
                 })
            Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Enrolment.RecordWatch(course, enrolment, null, invalid, Now)).Code);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Enrolment.RecordWatch(course, null, null, valid, Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => Enrolment.RecordWatch(course, enrolment, null, valid with { LessonId = Guid.NewGuid() }, Now)).Code);
    }
}
