using Marten.Events.Aggregation;
using Platform.Contracts.Courses;

namespace Platform.Projections.Analytics;

public sealed record LessonDone(Guid LessonId, DateTimeOffset At);

/// <summary>One enrolment as analytics counts it (ANLY): how it came, each lesson's first completion, and the course's completion.</summary>
public sealed class EnrolmentFacts
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public Guid UserId { get; set; }
    public EnrolmentSource Source { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public List<LessonDone> Lessons { get; set; } = [];
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>Async, rebuildable: one document per enrolment stream.</summary>
public sealed partial class EnrolmentFactsProjection : SingleStreamProjection<EnrolmentFacts, Guid>
{
    public static EnrolmentFacts Create(Enrolled e) => new()
        { Id = e.EnrolmentId, CourseId = e.CourseId, UserId = e.UserId, Source = e.Source, EnrolledAt = e.EnrolledAt };

    /// <summary>Enrolled again after a revocation: the enrolment counts from the new start, its progress kept (as the course keeps it).</summary>
    public static void Apply(Enrolled e, EnrolmentFacts f)
    {
        if (f.RevokedAt is null) return;
        (f.Source, f.EnrolledAt, f.RevokedAt) = (e.Source, e.EnrolledAt, null);
    }

    public static void Apply(LessonCompleted e, EnrolmentFacts f)
    {
        if (f.Lessons.All(l => l.LessonId != e.LessonId)) f.Lessons.Add(new LessonDone(e.LessonId, e.CompletedAt));
    }

    public static void Apply(CourseCompleted e, EnrolmentFacts f) => f.CompletedAt ??= e.CompletedAt;

    public static void Apply(EnrolmentRevoked e, EnrolmentFacts f) => f.RevokedAt = e.RevokedAt;
}
