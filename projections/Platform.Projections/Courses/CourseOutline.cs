using Marten;
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
    /// <summary>An optional lesson does not count towards completing the course.</summary>
    public bool Optional { get; set; }
    public LessonQuiz? Quiz { get; set; }
    public LessonVideo? Video { get; set; }

    public LessonOutline Copy() => new()
    {
        Id = Id, Title = Title, Body = Body, DripDays = DripDays, DripAt = DripAt, Optional = Optional, Quiz = Quiz,
        Video = Video is { } v ? new LessonVideo { Id = v.Id, Provider = v.Provider, ProviderVideoId = v.ProviderVideoId, SizeBytes = v.SizeBytes, Status = v.Status, FailureReason = v.FailureReason } : null,
    };
}

/// <summary>Immutable: a publish can share it between the draft and the published structure.</summary>
public sealed record LessonQuiz(int PassPercent, IReadOnlyList<QuizQuestion> Questions);

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

    public ModuleOutline Copy() => new() { Id = Id, Title = Title, Lessons = Lessons.Select(l => l.Copy()).ToList() };
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
    /// <summary>A lesson with a video completes only after the learner watched this share of it; null: no such rule.</summary>
    public int? RequiredWatchPercent { get; set; }
    public List<ModuleOutline> Draft { get; set; } = [];
    /// <summary>The version last published: null until the first publish, kept through unpublishing and archiving for enrolled learners.</summary>
    public List<ModuleOutline>? Published { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? UnpublishedAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    /// <summary>What the last publish changed for learners already enrolled.</summary>
    public List<string> WhatsNew { get; set; } = [];
    /// <summary>Every module, lesson and video id the outline ever held (deleted ones too, so that a learner's history still finds its course).</summary>
    public List<Guid> OutlineIds { get; set; } = [];

    /// <summary>Open for enrolment and discovery; enrolled learners keep the <see cref="Published"/> version either way.</summary>
    public bool IsPublished => Published is not null && UnpublishedAt is null && ArchivedAt is null;

    public ModuleOutline? ModuleOf(Guid lessonId) => Draft.FirstOrDefault(m => m.Lessons.Any(l => l.Id == lessonId));

    public LessonOutline? LessonOf(Guid videoId) => Draft.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Video?.Id == videoId);

    /// <summary>A new instance over the same modules and lessons, for a reader that keys per-load state on the instance.</summary>
    public CourseOutline ShallowCopy() => (CourseOutline)MemberwiseClone();
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

    public static void Apply(ModuleMoved e, CourseOutline course)
    {
        var module = course.Draft.Single(m => m.Id == e.ModuleId);
        course.Draft.Remove(module);
        course.Draft.Insert(Math.Clamp(e.Position, 0, course.Draft.Count), module);
    }

    public static void Apply(CourseUpdated e, CourseOutline course)
    {
        course.Title = e.Title;
        course.Description = e.Description;
        course.RequiredWatchPercent = e.RequiredWatchPercent;
    }

    public static void Apply(ModuleUpdated e, CourseOutline course) => course.Draft.Single(m => m.Id == e.ModuleId).Title = e.Title;

    public static void Apply(LessonUpdated e, CourseOutline course)
    {
        var lesson = course.Draft.SelectMany(m => m.Lessons).Single(l => l.Id == e.LessonId);
        (lesson.Title, lesson.Body, lesson.DripDays, lesson.DripAt, lesson.Optional) = (e.Title, e.Body, e.DripDays, e.DripAt, e.Optional);
    }

    public static void Apply(QuizSet e, CourseOutline course) =>
        course.Draft.SelectMany(m => m.Lessons).Single(l => l.Id == e.LessonId).Quiz = e.Questions.Count == 0 ? null : new LessonQuiz(e.PassPercent, e.Questions);

    public static void Apply(ModuleDeleted e, CourseOutline course) => course.Draft.RemoveAll(m => m.Id == e.ModuleId);

    public static void Apply(LessonDeleted e, CourseOutline course) => course.ModuleOf(e.LessonId)?.Lessons.RemoveAll(l => l.Id == e.LessonId);

    public static void Apply(CoursePublished e, CourseOutline course)
    {
        // A deep copy: the published structure must not follow later draft edits.
        course.Published = course.Draft.Select(m => m.Copy()).ToList();
        course.PublishedAt = e.PublishedAt;
        course.UnpublishedAt = null;
        course.WhatsNew = [.. e.Changes ?? []];
    }

    public static void Apply(CourseArchived e, CourseOutline course) => course.ArchivedAt = e.ArchivedAt;

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

    public static void Apply(CourseUnpublished e, CourseOutline course) => course.UnpublishedAt = e.UnpublishedAt;
}

public static class CourseOutlines
{
    /// <summary>Only the course's community, read out of the outline's JSON: the whole outline is not deserialized for one field.</summary>
    public static async Task<Guid?> CommunityOf(IQuerySession reads, Guid courseId, CancellationToken cancellation) =>
        (await reads.Query<CourseOutline>().Where(c => c.Id == courseId).Select(c => c.CommunityId).ToListAsync(cancellation)) is [var community]
            ? community : null;
}
