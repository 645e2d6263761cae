using Marten.Events.Aggregation;
using Platform.Contracts.Courses;

namespace Platform.Projections.Courses;

public sealed class LessonOutline
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public int? DripDays { get; set; }
    public DateTimeOffset? DripAt { get; set; }
}

public sealed class ModuleOutline
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public List<LessonOutline> Lessons { get; set; } = [];
}

/// <summary>
/// A course with its outline (CBLD, CLIB, CDET): the creator's draft, and the structure learners see,
/// frozen at the last publish so a creator's edits never reshape a course under its learners.
/// </summary>
public sealed class CourseOutline
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public CourseAccess Access { get; set; }
    public int? UnlockLevel { get; set; }
    public Guid CreatorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ModuleOutline> Draft { get; set; } = [];
    /// <summary>Null while unpublished.</summary>
    public List<ModuleOutline>? Published { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Every module and lesson id in the draft: how a module or lesson finds its course.</summary>
    public List<Guid> OutlineIds { get; set; } = [];

    public bool IsPublished => Published is not null;

    public ModuleOutline? ModuleOf(Guid lessonId) => Draft.FirstOrDefault(m => m.Lessons.Any(l => l.Id == lessonId));
}

/// <summary>Inline: the builder's next command (add a lesson to the module just added) must find it at once.</summary>
public sealed partial class CourseOutlineProjection : SingleStreamProjection<CourseOutline, Guid>
{
    public static CourseOutline Create(CourseCreated e) => new()
    {
        Id = e.CourseId, CommunityId = e.CommunityId, Title = e.Title, Description = e.Description, Access = e.Access,
        UnlockLevel = e.UnlockLevel, CreatorId = e.CreatedBy, CreatedAt = e.CreatedAt,
    };

    public static void Apply(ModuleAdded e, CourseOutline course)
    {
        course.Draft.Add(new ModuleOutline { Id = e.ModuleId, Title = e.Title });
        course.OutlineIds.Add(e.ModuleId);
    }

    public static void Apply(LessonAdded e, CourseOutline course)
    {
        course.Draft.Single(m => m.Id == e.ModuleId).Lessons.Add(new LessonOutline
        {
            Id = e.LessonId, Title = e.Title, Body = e.Body, DripDays = e.DripDays, DripAt = e.DripAt,
        });
        course.OutlineIds.Add(e.LessonId);
    }

    public static void Apply(LessonMoved e, CourseOutline course)
    {
        var from = course.ModuleOf(e.LessonId)!;
        var lesson = from.Lessons.Single(l => l.Id == e.LessonId);
        from.Lessons.Remove(lesson);
        var to = course.Draft.Single(m => m.Id == e.ModuleId);
        to.Lessons.Insert(Math.Clamp(e.Position, 0, to.Lessons.Count), lesson);
    }

    public static void Apply(CoursePublished e, CourseOutline course)
    {
        // A deep copy: the published structure must not follow later draft edits.
        course.Published = course.Draft.Select(m => new ModuleOutline
        {
            Id = m.Id, Title = m.Title,
            Lessons = m.Lessons.Select(l => new LessonOutline { Id = l.Id, Title = l.Title, Body = l.Body, DripDays = l.DripDays, DripAt = l.DripAt }).ToList(),
        }).ToList();
        course.PublishedAt = e.PublishedAt;
    }

    public static void Apply(CourseUnpublished e, CourseOutline course)
    {
        course.Published = null;
        course.PublishedAt = null;
    }
}
