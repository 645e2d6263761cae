namespace Platform.Contracts.Courses;

/// <summary>How a learner came to be enrolled (LEVEL: a LEVEL course their level opened); the same <see cref="Enrolled"/> event whatever the source.</summary>
public enum EnrolmentSource { Free, Purchase, Level }

/// <summary>Enrolment streams: one per (course, learner), id from <c>DeterministicId.Enrolment</c>.</summary>
public sealed record Enrolled(Guid EnrolmentId, Guid CourseId, Guid UserId, EnrolmentSource Source, DateTimeOffset EnrolledAt);

public sealed record LessonCompleted(Guid EnrolmentId, Guid CourseId, Guid UserId, Guid LessonId, DateTimeOffset CompletedAt);

/// <summary>Every lesson of the course as published was completed.</summary>
public sealed record CourseCompleted(Guid EnrolmentId, Guid CourseId, Guid UserId, DateTimeOffset CompletedAt);

/// <summary>A certificate anyone can verify by its id; it names the course and the learner as they were when issued.</summary>
public sealed record CertificateIssued(
    Guid CertificateId, Guid EnrolmentId, Guid CourseId, Guid UserId, string CourseTitle, string LearnerName, DateTimeOffset IssuedAt);

/// <summary>Access taken back (a full refund, a lost dispute): the learner leaves the course and any certificate is revoked with it.</summary>
public sealed record EnrolmentRevoked(Guid EnrolmentId, Guid CourseId, Guid UserId, string Reason, DateTimeOffset RevokedAt);
