using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>
/// The course stream's pure rules for building it (CBLD), <c>now</c> passed in. They decide on <see cref="CourseOutline"/>, the inline
/// document that holds the draft and the published structure; the video part of the stream has its rules in Video/LessonVideo.cs.
/// </summary>
public static class Course
{
    public const int MaxLevel = 9;

    public static object[] Create(CreateCourse command, DateTimeOffset now)
    {
        var title = Title(command.Title);
        if (command.Description.Length > 5000) throw DomainException.Invalid("A description is at most 5000 characters.");
        if (command.Access == CourseAccess.Level && command.UnlockLevel is not (>= 1 and <= MaxLevel))
            throw DomainException.Invalid($"A LEVEL course names the level that unlocks it, 1 to {MaxLevel}.");
        var unlockLevel = command.Access == CourseAccess.Level ? command.UnlockLevel : null;
        return [new CourseCreated(command.CourseId, command.CommunityId, title, command.Description.Trim(), command.Access, unlockLevel, command.CreatedBy, now)];
    }

    /// <summary>Adding a module or lesson whose id is already there changes nothing: a repeated command is harmless.</summary>
    public static object[] AddModule(CourseOutline course, AddModule command, DateTimeOffset now) =>
        course.OutlineIds.Contains(command.ModuleId) ? [] : [new ModuleAdded(course.Id, command.ModuleId, Title(command.Title), command.AddedBy, now)];

    public static object[] AddLesson(CourseOutline course, AddLesson command, DateTimeOffset now)
    {
        if (course.Draft.All(m => m.Id != command.ModuleId)) throw DomainException.NotFound("The module");
        if (course.OutlineIds.Contains(command.LessonId)) return [];
        if (command.Body.Length > 100_000) throw DomainException.Invalid("A lesson body is at most 100,000 characters.");
        if (command.DripDays is not null && command.DripAt is not null) throw DomainException.Invalid("Drip by days after enrolment or at a date, not both.");
        if (command.DripDays is < 0 or > 3650) throw DomainException.Invalid("Drip days are 0 to 3650.");
        return [new LessonAdded(course.Id, command.ModuleId, command.LessonId, Title(command.Title), command.Body, command.DripDays, command.DripAt, command.AddedBy, now)];
    }

    /// <summary>Moves a lesson within its module or to another; the position is zero-based among the target's other lessons.</summary>
    public static object[] MoveLesson(CourseOutline course, MoveLesson command, DateTimeOffset now)
    {
        var from = course.ModuleOf(command.LessonId) ?? throw DomainException.NotFound("The lesson");
        var to = course.Draft.FirstOrDefault(m => m.Id == command.ModuleId) ?? throw DomainException.NotFound("The module");
        var others = to.Lessons.Count(l => l.Id != command.LessonId);
        if (command.Position < 0 || command.Position > others) throw DomainException.Invalid($"The position is 0 to {others}.");
        if (from.Id == to.Id && to.Lessons.FindIndex(l => l.Id == command.LessonId) == command.Position) return [];
        return [new LessonMoved(course.Id, command.LessonId, command.ModuleId, command.Position, command.MovedBy, now)];
    }

    public static object[] Publish(CourseOutline course, Guid publishedBy, DateTimeOffset now)
    {
        if (!course.Draft.Any(m => m.Lessons.Count > 0)) throw DomainException.Invalid("A course needs at least one lesson to be published.");
        return [new CoursePublished(course.Id, publishedBy, now)];
    }

    public static object[] Unpublish(CourseOutline course, Guid unpublishedBy, DateTimeOffset now) =>
        course.IsPublished ? [new CourseUnpublished(course.Id, unpublishedBy, now)] : [];

    private static string Title(string title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim().Length > 120 ? throw DomainException.Invalid("A title is 1 to 120 characters.") : title.Trim();
}
