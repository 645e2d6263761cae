using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>NOT_ENROLLED (enrol first), LEVEL (a LEVEL course, for members of its level), DRIP (opens later).</summary>
public enum LockReason { NotEnrolled, Level, Drip }

/// <summary>What stands between the caller and a course, so a course page shows one button: join, enrol, buy, or reach the level.</summary>
public enum CourseLockReason { NotMember, NotEnrolled, PaymentRequired, Level }

/// <summary>
/// The enrolment stream of one (course, learner): its pure rules (LESN, CLIB, CERT), <c>now</c> passed in. Who may enrol, when a
/// lesson opens, when a course is complete. It decides on <see cref="EnrolmentView"/>, an inline document: every field the rules
/// read is the projection's own, and a learner's next request must see the enrolment anyway.
/// </summary>
public static class Enrolment
{
    /// <summary>When the lesson opens for this learner: at once, at its date, or its days after enrolment.</summary>
    public static DateTimeOffset? OpensAt(LessonOutline lesson, EnrolmentView enrolment) =>
        lesson.DripAt ?? (lesson.DripDays is { } days ? enrolment.EnrolledAt.AddDays(days) : null);

    /// <summary>Revoking twice changes nothing; revoking what was never there is not found.</summary>
    public static object[] Revoke(EnrolmentView? enrolment, string reason, DateTimeOffset now) =>
        enrolment is null ? throw DomainException.NotFound("The enrolment")
        : enrolment.RevokedAt is not null ? []
        : [new EnrolmentRevoked(enrolment.Id, enrolment.CourseId, enrolment.UserId, reason, now)];

    /// <summary>
    /// Null once enrolled. A LEVEL course is LEVEL until the member's highest level reached (<paramref name="levelReached"/>) is its
    /// level, as <see cref="Enrol"/> decides; then enrolling is all that is left.
    /// </summary>
    public static CourseLockReason? LockOf(CourseOutline course, EnrolmentView? enrolment, bool activeMember, int levelReached) =>
        enrolment is { RevokedAt: null } ? null
        : !activeMember ? CourseLockReason.NotMember
        : course.Access switch
        {
            CourseAccess.Paid => CourseLockReason.PaymentRequired,
            CourseAccess.Level when levelReached < course.UnlockLevel => CourseLockReason.Level,
            _ => CourseLockReason.NotEnrolled,
        };

    public static LockReason? LockOf(CourseOutline course, LessonOutline lesson, EnrolmentView? enrolment, DateTimeOffset now) =>
        enrolment is null or { RevokedAt: not null } ? (course.Access == CourseAccess.Level ? LockReason.Level : LockReason.NotEnrolled)
        : OpensAt(lesson, enrolment) > now ? LockReason.Drip
        : null;

    /// <summary><paramref name="levelReached"/>: the member's highest level in the community ever, which opens LEVEL courses for good.</summary>
    public static object[] Enrol(CourseOutline course, EnrolmentView? current, Guid userId, bool activeMember, int levelReached, DateTimeOffset now)
    {
        if (!course.IsPublished) throw DomainException.NotFound("The course");
        if (current is { RevokedAt: not null }) throw new DomainException(ErrorCodes.Forbidden, "Your access to this course was revoked.");
        if (current is not null) return [];
        if (!activeMember) throw new DomainException(ErrorCodes.Forbidden, "Join the course's community first.");
        return course.Access switch
        {
            CourseAccess.Free => [new Enrolled(DeterministicId.Enrolment(course.Id, userId), course.Id, userId, EnrolmentSource.Free, now)],
            CourseAccess.Paid => throw new DomainException(ErrorCodes.PaymentRequired, "This course is bought, not joined for free."),
            CourseAccess.Level when levelReached >= course.UnlockLevel =>
                [new Enrolled(DeterministicId.Enrolment(course.Id, userId), course.Id, userId, EnrolmentSource.Level, now)],
            _ => throw new DomainException(ErrorCodes.Forbidden, $"This course unlocks at level {course.UnlockLevel}."),
        };
    }

    /// <summary>The lessons that count: the required ones of the published version (deleted and optional lessons keep their history but do not count).</summary>
    public static IReadOnlyList<LessonOutline> RequiredLessons(CourseOutline course) =>
        (course.Published ?? []).SelectMany(m => m.Lessons).Where(l => !l.Optional).ToList();

    public static int ProgressPercent(CourseOutline course, EnrolmentView enrolment)
    {
        var required = RequiredLessons(course);
        return required.Count == 0 ? 0 : 100 * required.Count(l => enrolment.CompletedLessons.Contains(l.Id)) / required.Count;
    }

    /// <summary>
    /// Completing is idempotent; a lesson with a quiz completes once it is passed, one with a video once the course's watch rule is met
    /// (<paramref name="watchedPercent"/> of it). The last required lesson completes the course and issues the certificate; so does
    /// completing a done lesson again once a deleted lesson has left nothing else to do.
    /// </summary>
    public static object[] Complete(CourseOutline course, EnrolmentView? enrolment, Guid lessonId, string learnerName, int watchedPercent, DateTimeOffset now)
    {
        var (open, lesson) = OpenLesson(course, enrolment, lessonId, now);
        var events = new List<object>();
        if (!open.CompletedLessons.Contains(lessonId))
        {
            if (lesson.Quiz is not null && !open.PassedQuizzes.Contains(lessonId)) throw DomainException.Conflict("Pass the lesson's quiz first.");
            if (lesson.Video is not null && course.RequiredWatchPercent is { } required && watchedPercent < required)
                throw DomainException.Conflict($"Watch at least {required}% of the video first ({watchedPercent}% so far).");
            events.Add(new LessonCompleted(open.Id, course.Id, open.UserId, lessonId, now, course.CommunityId));
        }
        if (open.CompletedAt is null && RequiredLessons(course).All(l => l.Id == lessonId || open.CompletedLessons.Contains(l.Id)))
        {
            events.Add(new CourseCompleted(open.Id, course.Id, open.UserId, now, course.CommunityId));
            events.Add(new CertificateIssued(DeterministicId.Certificate(open.Id), open.Id, course.Id, open.UserId,
                course.Title, learnerName, now));
        }
        return [.. events];
    }

    public const int MaxQuizAttempts = 100;

    /// <summary>Scores an attempt server-side: a question is right when exactly its right choices were chosen; unanswered ones are wrong.</summary>
    public static object[] SubmitQuiz(CourseOutline course, EnrolmentView? enrolment, Guid lessonId, IReadOnlyList<QuizAnswer> answers, DateTimeOffset now)
    {
        var (open, lesson) = OpenLesson(course, enrolment, lessonId, now);
        var quiz = lesson.Quiz ?? throw DomainException.NotFound("The quiz");
        var attempt = open.QuizAttempts.GetValueOrDefault(lessonId) + 1;
        if (attempt > MaxQuizAttempts) throw DomainException.Conflict($"A quiz can be attempted at most {MaxQuizAttempts} times.");
        var questions = quiz.Questions.ToDictionary(q => q.QuestionId);
        if (answers.Count > questions.Count || answers.Select(a => a.QuestionId).Distinct().Count() != answers.Count)
            throw DomainException.Invalid("Answer each question at most once.");
        var chosen = answers.ToDictionary(a => a.QuestionId, a => a.Choices.Distinct().Order().ToList());
        foreach (var (questionId, choices) in chosen)
        {
            if (!questions.TryGetValue(questionId, out var question)) throw DomainException.Invalid($"The quiz has no question {questionId}.");
            if (choices.Any(i => i < 0 || i >= question.Choices.Count)) throw DomainException.Invalid("A choice is a zero-based index of the question's choices.");
            if (!question.Multiple && choices.Count > 1) throw DomainException.Invalid("A single-choice question takes one choice.");
        }
        var correct = quiz.Questions.Where(q => chosen.TryGetValue(q.QuestionId, out var c) && c.SequenceEqual(q.Correct)).Select(q => q.QuestionId).ToList();
        var score = 100 * correct.Count / quiz.Questions.Count;
        return [new QuizAttempted(open.Id, course.Id, open.UserId, lessonId, attempt, [.. chosen.Select(c => new QuizAnswer(c.Key, c.Value))],
            [.. quiz.Questions.Select(q => q.QuestionId)], correct, score, score >= quiz.PassPercent, now)];
    }

    public static readonly int[] WatchThresholds = [25, 50, 75, 90, 100];
    public const int MaxRangesPerReport = 50;
    public const int MaxKeptRanges = 500;
    public const int MaxDurationSeconds = 24 * 3600;

    /// <summary>
    /// Merges a player's report into the learner's watch progress. Reporting the same again leaves it as it was (idempotent), and an
    /// event is appended only when the watched share crosses one of <see cref="WatchThresholds"/>.
    /// </summary>
    public static (WatchProgress Progress, object[] Events) RecordWatch(CourseOutline course, EnrolmentView? enrolment, WatchProgress? current,
        RecordVideoProgress report, DateTimeOffset now)
    {
        var (open, lesson) = OpenLesson(course, enrolment, report.LessonId, now);
        if (lesson.Video is null) throw DomainException.Invalid("This lesson has no video.");
        var duration = current?.DurationSeconds ?? report.DurationSeconds;
        if (duration is < 1 or > MaxDurationSeconds) throw DomainException.Invalid($"durationSeconds is 1 to {MaxDurationSeconds}.");
        if (report.PositionSeconds < 0 || report.PositionSeconds > duration) throw DomainException.Invalid($"positionSeconds is 0 to {duration}.");
        if (report.WatchedRanges.Count > MaxRangesPerReport) throw DomainException.Invalid($"Report at most {MaxRangesPerReport} ranges at a time.");
        if (report.WatchedRanges.Any(r => r.Start < 0 || r.End <= r.Start)) throw DomainException.Invalid("A range starts at 0 or later and ends after it starts.");
        var ranges = Merge([.. current?.Ranges ?? [], .. report.WatchedRanges.Select(r => r with { End = Math.Min(r.End, duration) }).Where(r => r.End > r.Start)]);
        if (ranges.Count > MaxKeptRanges) throw DomainException.Invalid($"Watch progress keeps at most {MaxKeptRanges} separate ranges.");
        var percent = (int)(100L * ranges.Sum(r => r.Seconds) / duration);
        var before = current?.WatchedPercent ?? 0;
        var progress = new WatchProgress
        {
            Id = WatchProgress.IdOf(open.UserId, lesson.Id), UserId = open.UserId, CourseId = course.Id, LessonId = lesson.Id,
            DurationSeconds = duration, PositionSeconds = report.PositionSeconds, Ranges = ranges, WatchedPercent = percent, UpdatedAt = now,
        };
        var crossed = WatchThresholds.LastOrDefault(t => before < t && percent >= t);
        return (progress, crossed == 0 ? [] : [new VideoWatched(open.Id, course.Id, open.UserId, lesson.Id, crossed, now)]);
    }

    /// <summary>Sorted, disjoint ranges covering the same seconds; touching ranges join.</summary>
    public static List<WatchedRange> Merge(IEnumerable<WatchedRange> ranges)
    {
        var merged = new List<WatchedRange>();
        foreach (var range in ranges.OrderBy(r => r.Start))
            if (merged.Count > 0 && range.Start <= merged[^1].End) merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, range.End) };
            else merged.Add(range);
        return merged;
    }

    /// <summary>A lesson of the published version that this enrolled learner may open now.</summary>
    private static (EnrolmentView Enrolment, LessonOutline Lesson) OpenLesson(CourseOutline course, EnrolmentView? enrolment, Guid lessonId, DateTimeOffset now)
    {
        if (enrolment is null or { RevokedAt: not null }) throw new DomainException(ErrorCodes.Forbidden, "Enrol in the course first.");
        var lesson = (course.Published ?? []).SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == lessonId) ?? throw DomainException.NotFound("The lesson");
        if (LockOf(course, lesson, enrolment, now) is not null)
            throw new DomainException(ErrorCodes.Forbidden, $"This lesson opens at {OpensAt(lesson, enrolment):u}.");
        return (enrolment, lesson);
    }
}
