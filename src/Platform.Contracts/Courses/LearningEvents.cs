namespace Platform.Contracts.Courses;

/// <summary>How a learner came to be enrolled (LEVEL: a LEVEL course their level opened); the same <see cref="Enrolled"/> event whatever the source.</summary>
public enum EnrolmentSource { Free, Purchase, Level }

/// <summary>Enrolment streams: one per (course, learner), id from <c>DeterministicId.Enrolment</c>.</summary>
public sealed record Enrolled(Guid EnrolmentId, Guid CourseId, Guid UserId, EnrolmentSource Source, DateTimeOffset EnrolledAt);

/// <summary>
/// <paramref name="CommunityId"/> is the course's community, carried so that scoring the completion (points in the command's
/// transaction, then the level check) needs no read of the outline; null in events recorded before it was carried.
/// </summary>
public sealed record LessonCompleted(Guid EnrolmentId, Guid CourseId, Guid UserId, Guid LessonId, DateTimeOffset CompletedAt, Guid? CommunityId = null);

/// <summary>Every lesson of the course as published was completed (<paramref name="CommunityId"/> as on <see cref="LessonCompleted"/>).</summary>
public sealed record CourseCompleted(Guid EnrolmentId, Guid CourseId, Guid UserId, DateTimeOffset CompletedAt, Guid? CommunityId = null);

/// <summary>A certificate anyone can verify by its id; it names the course and the learner as they were when issued.</summary>
public sealed record CertificateIssued(
    Guid CertificateId, Guid EnrolmentId, Guid CourseId, Guid UserId, string CourseTitle, string LearnerName, DateTimeOffset IssuedAt);

/// <summary>Access taken back (a full refund, a lost dispute): the learner leaves the course and any certificate is revoked with it.</summary>
public sealed record EnrolmentRevoked(Guid EnrolmentId, Guid CourseId, Guid UserId, string Reason, DateTimeOffset RevokedAt);

/// <summary>A learner's chosen choices (zero-based indexes) for one question.</summary>
public sealed record QuizAnswer(Guid QuestionId, IReadOnlyList<int> Choices);

/// <summary>One scored attempt at a lesson's quiz; a question is right when exactly its correct choices were chosen.</summary>
public sealed record QuizAttempted(
    Guid EnrolmentId, Guid CourseId, Guid UserId, Guid LessonId, int Attempt, IReadOnlyList<QuizAnswer> Answers,
    IReadOnlyList<Guid> Questions, IReadOnlyList<Guid> CorrectQuestions, int ScorePercent, bool Passed, DateTimeOffset AttemptedAt);

/// <summary>
/// The learner has now watched at least <c>Percent</c> of the lesson's video (one of 25, 50, 75, 90, 100). Positions and ranges live in a
/// document updated on every report; only crossing a threshold is an event.
/// </summary>
public sealed record VideoWatched(Guid EnrolmentId, Guid CourseId, Guid UserId, Guid LessonId, int Percent, DateTimeOffset WatchedAt);
