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

/// <summary>Releases the outline as it is now to learners; later edits stay in the draft until the next publish.</summary>
public sealed record CoursePublished(Guid CourseId, Guid PublishedBy, DateTimeOffset PublishedAt);

public sealed record CourseUnpublished(Guid CourseId, Guid UnpublishedBy, DateTimeOffset UnpublishedAt);
