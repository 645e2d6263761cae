using Marten.Events.Aggregation;
using Platform.Contracts.Courses;
using Platform.Contracts.Video;

namespace Platform.Projections.Courses;

public sealed class LessonOutline
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public int? DripDays { get; set; }
    public DateTimeOffset? DripAt { get; set; }
    public LessonVideo? Video { get; set; }
}

public sealed class LessonVideo
{
    public Guid Id { get; set; }
    public string Provider { get; set; } = "";
    public string ProviderVideoId { get; set; } = "";
    public long SizeBytes { get; set; }
    public VideoStatus Status { get; set; }
    public string? FailureReason { get; set; }
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

    public LessonOutline? LessonOf(Guid videoId) => Draft.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Video?.Id == videoId);
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
            Lessons = m.Lessons.Select(l => new LessonOutline
            {
                Id = l.Id, Title = l.Title, Body = l.Body, DripDays = l.DripDays, DripAt = l.DripAt,
                Video = l.Video is { } v ? new LessonVideo { Id = v.Id, Provider = v.Provider, ProviderVideoId = v.ProviderVideoId, SizeBytes = v.SizeBytes, Status = v.Status, FailureReason = v.FailureReason } : null,
            }).ToList(),
        }).ToList();
        course.PublishedAt = e.PublishedAt;
    }

    public static void Apply(VideoUploadRequested e, CourseOutline course)
    {
        course.Draft.SelectMany(m => m.Lessons).Single(l => l.Id == e.LessonId).Video = new LessonVideo
        {
            Id = e.VideoId, Provider = e.Provider, ProviderVideoId = e.ProviderVideoId, SizeBytes = e.SizeBytes, Status = VideoStatus.Processing,
        };
        course.OutlineIds.Add(e.VideoId);
    }

    // Processing results are not edits: they reach the published structure too.
    public static void Apply(VideoReady e, CourseOutline course)
    {
        foreach (var video in Videos(course, e.VideoId)) video.Status = VideoStatus.Ready;
    }

    public static void Apply(VideoFailed e, CourseOutline course)
    {
        foreach (var video in Videos(course, e.VideoId))
        {
            video.Status = VideoStatus.Failed;
            video.FailureReason = e.Reason;
        }
    }

    private static IEnumerable<LessonVideo> Videos(CourseOutline course, Guid videoId) =>
        course.Draft.Concat(course.Published ?? []).SelectMany(m => m.Lessons).Select(l => l.Video).OfType<LessonVideo>().Where(v => v.Id == videoId);

    public static void Apply(CourseUnpublished e, CourseOutline course)
    {
        course.Published = null;
        course.PublishedAt = null;
    }
}
