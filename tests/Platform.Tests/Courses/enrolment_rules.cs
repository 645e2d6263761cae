using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Tests.Courses;

public sealed partial class enrolment_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Learner = Guid.NewGuid();

    private static CourseOutline Course(params LessonOutline[] lessons)
    {
        var modules = new List<ModuleOutline> { new() { Id = Guid.NewGuid(), Title = "M", Lessons = [.. lessons] } };
        return new CourseOutline { Id = Guid.NewGuid(), Title = "Course", Access = CourseAccess.Free, Draft = modules, Published = modules };
    }

    private static LessonOutline Lesson(int? dripDays = null, DateTimeOffset? dripAt = null) =>
        new() { Id = Guid.NewGuid(), Title = "L", DripDays = dripDays, DripAt = dripAt };

    private static EnrolmentView Enrolled(CourseOutline course, DateTimeOffset enrolledAt, params Guid[] completed) => new()
    {
        Id = DeterministicId.Enrolment(course.Id, Learner), CourseId = course.Id, UserId = Learner, EnrolledAt = enrolledAt, CompletedLessons = [.. completed],
    };

    [Fact]
    public void a_lesson_drips_open_its_days_after_enrolment_or_at_its_date()
    {
        var byDays = Lesson(dripDays: 3);
        var byDate = Lesson(dripAt: Now.AddDays(1));
        var course = Course(byDays, byDate);
        var enrolment = Enrolled(course, Now.AddDays(-2));

        Assert.Equal(LockReason.Drip, Enrolment.LockOf(course, byDays, enrolment, Now));
        Assert.Null(Enrolment.LockOf(course, byDays, enrolment, Now.AddDays(1)));
        Assert.Equal(LockReason.Drip, Enrolment.LockOf(course, byDate, enrolment, Now));
        Assert.Equal(LockReason.NotEnrolled, Enrolment.LockOf(course, byDays, null, Now));
        course.Access = CourseAccess.Level;
        Assert.Equal(LockReason.Level, Enrolment.LockOf(course, byDays, null, Now));
    }

    [Fact]
    public void the_last_open_lesson_completes_the_course_and_issues_one_certificate()
    {
        var (first, last) = (Lesson(), Lesson());
        var course = Course(first, last);

        var events = Enrolment.Complete(course, Enrolled(course, Now, first.Id), last.Id, "Ada", watchedPercent: 0, Now);

        Assert.IsType<LessonCompleted>(events[0]);
        Assert.IsType<CourseCompleted>(events[1]);
        var certificate = Assert.IsType<CertificateIssued>(events[2]);
        Assert.Equal(DeterministicId.Certificate(DeterministicId.Enrolment(course.Id, Learner)), certificate.CertificateId);
        Assert.Equal(("Course", "Ada"), (certificate.CourseTitle, certificate.LearnerName));
        var completed = Enrolled(course, Now, first.Id, last.Id);
        completed.CompletedAt = Now;
        Assert.Empty(Enrolment.Complete(course, completed, last.Id, "Ada", watchedPercent: 0, Now));
    }

    [Fact]
    public void paid_and_level_courses_are_not_enrolled_for_free_and_members_only_enrol()
    {
        var course = Course(Lesson());

        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Enrolment.Enrol(course, null, Learner, activeMember: false, 1, Now)).Code);
        course.Access = CourseAccess.Paid;
        Assert.Equal(ErrorCodes.PaymentRequired, Assert.Throws<DomainException>(() => Enrolment.Enrol(course, null, Learner, activeMember: true, 9, Now)).Code);
        (course.Access, course.UnlockLevel) = (CourseAccess.Level, 3);
        Assert.Equal(ErrorCodes.Forbidden, Assert.Throws<DomainException>(() => Enrolment.Enrol(course, null, Learner, activeMember: true, 2, Now)).Code);
        Assert.Equal(EnrolmentSource.Level, Assert.IsType<Enrolled>(Assert.Single(Enrolment.Enrol(course, null, Learner, activeMember: true, 3, Now))).Source);
        course.Published = null;
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => Enrolment.Enrol(course, null, Learner, activeMember: true, 9, Now)).Code);
    }
}
