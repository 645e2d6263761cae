using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>NOT_ENROLLED (enrol first), LEVEL (a LEVEL course, for members of its level), DRIP (opens later).</summary>
public enum LockReason { NotEnrolled, Level, Drip }

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

    /// <summary>Completing is idempotent; the last lesson of the published course completes it and issues the certificate.</summary>
    public static object[] Complete(CourseOutline course, EnrolmentView? enrolment, Guid lessonId, string learnerName, DateTimeOffset now)
    {
        if (enrolment is null or { RevokedAt: not null }) throw new DomainException(ErrorCodes.Forbidden, "Enrol in the course first.");
        var lessons = (course.Published ?? []).SelectMany(m => m.Lessons).ToList();
        var lesson = lessons.FirstOrDefault(l => l.Id == lessonId) ?? throw DomainException.NotFound("The lesson");
        if (LockOf(course, lesson, enrolment, now) is not null)
            throw new DomainException(ErrorCodes.Forbidden, $"This lesson opens at {OpensAt(lesson, enrolment):u}.");
        if (enrolment.CompletedLessons.Contains(lessonId)) return [];
        var events = new List<object> { new LessonCompleted(enrolment.Id, course.Id, enrolment.UserId, lessonId, now) };
        if (enrolment.CompletedAt is null && lessons.All(l => l.Id == lessonId || enrolment.CompletedLessons.Contains(l.Id)))
        {
            events.Add(new CourseCompleted(enrolment.Id, course.Id, enrolment.UserId, now));
            events.Add(new CertificateIssued(DeterministicId.Certificate(enrolment.Id), enrolment.Id, course.Id, enrolment.UserId,
                course.Title, learnerName, now));
        }
        return [.. events];
    }
}
