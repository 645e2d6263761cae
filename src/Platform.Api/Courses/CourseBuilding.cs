using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

public sealed record CreateCourse(Guid CourseId, Guid CommunityId, string Title, string Description, CourseAccess Access, int? UnlockLevel, Guid CreatedBy);
public sealed record AddModule(Guid CourseId, Guid ModuleId, string Title, Guid AddedBy);
public sealed record AddLesson(Guid ModuleId, Guid LessonId, string Title, string Body, int? DripDays, DateTimeOffset? DripAt, Guid AddedBy);
public sealed record MoveLesson(Guid LessonId, Guid ModuleId, int Position, Guid MovedBy);
public sealed record PublishCourse(Guid CourseId, Guid PublishedBy);
public sealed record UnpublishCourse(Guid CourseId, Guid UnpublishedBy);

/// <summary>Pure decisions of the course builder (CBLD), on the course's outline.</summary>
public static class CourseBuilding
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

public static class CourseBuildingHandler
{
    public static async Task Handle(CreateCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        if (await session.Events.FetchLatest<Communities.Community>(command.CommunityId, cancellation) is null) throw DomainException.NotFound("The community");
        session.Events.StartStream<CourseOutline>(command.CourseId, CourseBuilding.Create(command, clock.GetUtcNow()));
    }

    public static Task Handle(AddModule command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CourseId, cancellation, course => CourseBuilding.AddModule(course, command, clock.GetUtcNow()));

    public static async Task Handle(AddLesson command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        await Decide(session, await CourseIdOf(session, command.ModuleId, cancellation), cancellation,
            course => CourseBuilding.AddLesson(course, command, clock.GetUtcNow()));

    public static async Task Handle(MoveLesson command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        await Decide(session, await CourseIdOf(session, command.LessonId, cancellation), cancellation,
            course => CourseBuilding.MoveLesson(course, command, clock.GetUtcNow()));

    public static Task Handle(PublishCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CourseId, cancellation, course => CourseBuilding.Publish(course, command.PublishedBy, clock.GetUtcNow()));

    public static Task Handle(UnpublishCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        Decide(session, command.CourseId, cancellation, course => CourseBuilding.Unpublish(course, command.UnpublishedBy, clock.GetUtcNow()));

    /// <summary>The course whose draft holds a module, lesson or video with this id, if any.</summary>
    public static Task<CourseOutline?> CourseContaining(IQuerySession session, Guid id, CancellationToken cancellation) =>
        session.Query<CourseOutline>().FirstOrDefaultAsync(c => c.OutlineIds.Contains(id), cancellation);

    /// <summary>The course a module, lesson or video belongs to.</summary>
    public static async Task<Guid> CourseIdOf(IQuerySession session, Guid id, CancellationToken cancellation) =>
        (await CourseContaining(session, id, cancellation))?.Id ?? throw DomainException.NotFound("The module or lesson");

    private static async Task Decide(IDocumentSession session, Guid courseId, CancellationToken cancellation, Func<CourseOutline, object[]> decide)
    {
        var stream = await session.Events.FetchForWriting<CourseOutline>(courseId, cancellation);
        stream.AppendMany(decide(stream.Aggregate ?? throw DomainException.NotFound("The course")));
    }
}
