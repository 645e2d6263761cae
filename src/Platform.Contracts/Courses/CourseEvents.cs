namespace Platform.Contracts.Courses;

/// <summary>FREE for the community's members, PAID through a product (commerce), LEVEL once a member reaches <c>UnlockLevel</c>.</summary>
public enum CourseAccess { Free, Paid, Level }

/// <summary>A course stream holds the course and its whole outline: modules and lessons are entities inside it.</summary>
public sealed record CourseCreated(
    Guid CourseId, Guid CommunityId, string Title, string Description, CourseAccess Access, int? UnlockLevel,
    Guid CreatedBy, DateTimeOffset CreatedAt);

public sealed record ModuleAdded(Guid CourseId, Guid ModuleId, string Title, Guid AddedBy, DateTimeOffset AddedAt);

/// <summary>Drip: the lesson opens <c>DripDays</c> after enrolment, or at <c>DripAt</c>; neither means at once.</summary>
public sealed record LessonAdded(
    Guid CourseId, Guid ModuleId, Guid LessonId, string Title, string Body, int? DripDays, DateTimeOffset? DripAt,
    Guid AddedBy, DateTimeOffset AddedAt);

/// <summary>The lesson now sits in <c>ModuleId</c> at zero-based <c>Position</c>; the others keep their order.</summary>
public sealed record LessonMoved(Guid CourseId, Guid LessonId, Guid ModuleId, int Position, Guid MovedBy, DateTimeOffset MovedAt);

/// <summary>
/// Releases the outline as it is now to learners; later edits stay in the draft until the next publish. <c>Changes</c> is the
/// "what's new" for enrolled learners: what differs from the version published before (empty on a first publish).
/// </summary>
public sealed record CoursePublished(Guid CourseId, Guid PublishedBy, DateTimeOffset PublishedAt, IReadOnlyList<string>? Changes = null);

/// <summary>Stops new enrolments and hides the course from discovery; enrolled learners keep the last published version.</summary>
public sealed record CourseUnpublished(Guid CourseId, Guid UnpublishedBy, DateTimeOffset UnpublishedAt);

/// <summary>Unpublished for good: it can never be published again; enrolled learners keep the last published version.</summary>
public sealed record CourseArchived(Guid CourseId, Guid ArchivedBy, DateTimeOffset ArchivedAt);

/// <summary>
/// The course's editable details, replaced as a whole. <c>RequiredWatchPercent</c>: a lesson with a video completes only after
/// the learner watched that share of it; null means no such rule.
/// </summary>
public sealed record CourseUpdated(Guid CourseId, string Title, string Description, int? RequiredWatchPercent, Guid UpdatedBy, DateTimeOffset UpdatedAt);

public sealed record ModuleUpdated(Guid CourseId, Guid ModuleId, string Title, Guid UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The lesson's editable fields, replaced as a whole; an optional lesson does not count towards completing the course.</summary>
public sealed record LessonUpdated(
    Guid CourseId, Guid LessonId, string Title, string Body, int? DripDays, DateTimeOffset? DripAt, bool Optional,
    Guid UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The module leaves the draft with its lessons; learners' completions of them stay in their enrolment streams.</summary>
public sealed record ModuleDeleted(Guid CourseId, Guid ModuleId, Guid DeletedBy, DateTimeOffset DeletedAt);

public sealed record LessonDeleted(Guid CourseId, Guid LessonId, Guid DeletedBy, DateTimeOffset DeletedAt);

/// <summary>The module now sits at zero-based <c>Position</c> among the draft's modules.</summary>
public sealed record ModuleMoved(Guid CourseId, Guid ModuleId, int Position, Guid MovedBy, DateTimeOffset MovedAt);

/// <summary>A question's choices in order; <c>Correct</c> holds the zero-based indexes of the right ones (exactly one unless <c>Multiple</c>).</summary>
public sealed record QuizQuestion(Guid QuestionId, string Prompt, IReadOnlyList<string> Choices, IReadOnlyList<int> Correct, bool Multiple);

/// <summary>The lesson's quiz, replaced as a whole; no questions removes it. A lesson with a quiz completes once it is passed.</summary>
public sealed record QuizSet(Guid CourseId, Guid LessonId, int PassPercent, IReadOnlyList<QuizQuestion> Questions, Guid SetBy, DateTimeOffset SetAt);
