using Marten.Events.Aggregation;
using Platform.Contracts.Courses;

namespace Platform.Projections.Courses;

/// <summary>One learner in one course (LESN, CLIB, CERT): their progress and certificate.</summary>
public sealed class EnrolmentView
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
    public EnrolmentSource Source { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public List<Guid> CompletedLessons { get; set; } = [];
    public DateTimeOffset? CompletedAt { get; set; }
    public Guid? CertificateId { get; set; }
    public string? CertificateCourseTitle { get; set; }
    public string? CertificateLearnerName { get; set; }
    public DateTimeOffset? CertificateIssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    /// <summary>Quiz attempts so far, by lesson.</summary>
    public Dictionary<Guid, int> QuizAttempts { get; set; } = [];
    public List<Guid> PassedQuizzes { get; set; } = [];
}

/// <summary>Inline: the learner's next lesson opens on their very next request.</summary>
public sealed partial class EnrolmentViewProjection : SingleStreamProjection<EnrolmentView, Guid>
{
    public static EnrolmentView Create(Enrolled e) => new()
    {
        Id = e.EnrolmentId, CourseId = e.CourseId, UserId = e.UserId, Source = e.Source, EnrolledAt = e.EnrolledAt,
    };

    /// <summary>Enrolled again after a revocation (bought again): access returns with the progress and certificate earned before.</summary>
    public static void Apply(Enrolled e, EnrolmentView view)
    {
        view.Source = e.Source;
        view.EnrolledAt = e.EnrolledAt;
        view.RevokedAt = null;
        view.RevokedReason = null;
    }

    public static void Apply(LessonCompleted e, EnrolmentView view)
    {
        if (!view.CompletedLessons.Contains(e.LessonId)) view.CompletedLessons.Add(e.LessonId);
    }

    public static void Apply(QuizAttempted e, EnrolmentView view)
    {
        view.QuizAttempts[e.LessonId] = e.Attempt;
        if (e.Passed && !view.PassedQuizzes.Contains(e.LessonId)) view.PassedQuizzes.Add(e.LessonId);
    }

    public static void Apply(CourseCompleted e, EnrolmentView view) => view.CompletedAt = e.CompletedAt;

    public static void Apply(EnrolmentRevoked e, EnrolmentView view)
    {
        view.RevokedAt = e.RevokedAt;
        view.RevokedReason = e.Reason;
    }

    public static void Apply(CertificateIssued e, EnrolmentView view)
    {
        view.CertificateId = e.CertificateId;
        view.CertificateCourseTitle = e.CourseTitle;
        view.CertificateLearnerName = e.LearnerName;
        view.CertificateIssuedAt = e.IssuedAt;
    }
}
