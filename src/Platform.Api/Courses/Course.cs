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
        var description = Description(command.Description);
        if (command.Access == CourseAccess.Level && command.UnlockLevel is not (>= 1 and <= MaxLevel))
            throw DomainException.Invalid($"A LEVEL course names the level that unlocks it, 1 to {MaxLevel}.");
        var unlockLevel = command.Access == CourseAccess.Level ? command.UnlockLevel : null;
        return [new CourseCreated(command.CourseId, command.CommunityId, title, description, command.Access, unlockLevel, command.CreatedBy, now)];
    }

    /// <summary>Adding a module or lesson whose id is already there changes nothing: a repeated command is harmless.</summary>
    public static object[] AddModule(CourseOutline course, AddModule command, DateTimeOffset now) =>
        course.OutlineIds.Contains(command.ModuleId) ? [] : [new ModuleAdded(course.Id, command.ModuleId, Title(command.Title), command.AddedBy, now)];

    public static object[] AddLesson(CourseOutline course, AddLesson command, DateTimeOffset now)
    {
        if (course.Draft.All(m => m.Id != command.ModuleId)) throw DomainException.NotFound("The module");
        if (course.OutlineIds.Contains(command.LessonId)) return [];
        var (title, body, dripDays, dripAt) = LessonFields(command.Title, command.Body, command.DripDays, command.DripAt);
        return [new LessonAdded(course.Id, command.ModuleId, command.LessonId, title, body, dripDays, dripAt, command.AddedBy, now)];
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

    /// <summary>Replaces the course's details; the same details again change nothing.</summary>
    public static object[] Update(CourseOutline course, UpdateCourse command, DateTimeOffset now)
    {
        var title = Title(command.Title);
        var description = Description(command.Description);
        if (command.RequiredWatchPercent is < 1 or > 100) throw DomainException.Invalid("requiredWatchPercent is 1 to 100, or null for no such rule.");
        return (title, description, command.RequiredWatchPercent) == (course.Title, course.Description, course.RequiredWatchPercent)
            ? []
            : [new CourseUpdated(course.Id, title, description, command.RequiredWatchPercent, command.UpdatedBy, now)];
    }

    public static object[] UpdateModule(CourseOutline course, UpdateModule command, DateTimeOffset now)
    {
        var module = course.Draft.FirstOrDefault(m => m.Id == command.ModuleId) ?? throw DomainException.NotFound("The module");
        var title = Title(command.Title);
        return title == module.Title ? [] : [new ModuleUpdated(course.Id, module.Id, title, command.UpdatedBy, now)];
    }

    /// <summary>Replaces the lesson's fields as a form would; the same fields again change nothing.</summary>
    public static object[] UpdateLesson(CourseOutline course, UpdateLesson command, DateTimeOffset now)
    {
        var lesson = course.Draft.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == command.LessonId) ?? throw DomainException.NotFound("The lesson");
        var (title, body, dripDays, dripAt) = LessonFields(command.Title, command.Body, command.DripDays, command.DripAt);
        return (title, body, dripDays, dripAt, command.Optional) == (lesson.Title, lesson.Body, lesson.DripDays, lesson.DripAt, lesson.Optional)
            ? []
            : [new LessonUpdated(course.Id, lesson.Id, title, body, dripDays, dripAt, command.Optional, command.UpdatedBy, now)];
    }

    /// <summary>Deleting what was already deleted changes nothing; learners keep the lessons until the next publish.</summary>
    public static object[] DeleteModule(CourseOutline course, Guid moduleId, Guid deletedBy, DateTimeOffset now) =>
        course.Draft.Any(m => m.Id == moduleId) ? [new ModuleDeleted(course.Id, moduleId, deletedBy, now)]
        : course.OutlineIds.Contains(moduleId) ? []
        : throw DomainException.NotFound("The module");

    public static object[] DeleteLesson(CourseOutline course, Guid lessonId, Guid deletedBy, DateTimeOffset now) =>
        course.ModuleOf(lessonId) is not null ? [new LessonDeleted(course.Id, lessonId, deletedBy, now)]
        : course.OutlineIds.Contains(lessonId) ? []
        : throw DomainException.NotFound("The lesson");

    /// <summary>Moves a module to a zero-based position among the draft's modules.</summary>
    public static object[] MoveModule(CourseOutline course, MoveModule command, DateTimeOffset now)
    {
        var index = course.Draft.FindIndex(m => m.Id == command.ModuleId);
        if (index < 0) throw DomainException.NotFound("The module");
        if (command.Position < 0 || command.Position >= course.Draft.Count) throw DomainException.Invalid($"The position is 0 to {course.Draft.Count - 1}.");
        return index == command.Position ? [] : [new ModuleMoved(course.Id, command.ModuleId, command.Position, command.MovedBy, now)];
    }

    public const int MaxQuestions = 50;
    public const int MaxChoices = 10;

    /// <summary>Replaces the lesson's quiz; no questions removes it. Question ids are given by the caller so that a repeat changes nothing.</summary>
    public static object[] SetQuiz(CourseOutline course, SetQuiz command, DateTimeOffset now)
    {
        var lesson = course.Draft.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == command.LessonId) ?? throw DomainException.NotFound("The lesson");
        if (command.PassPercent is < 1 or > 100) throw DomainException.Invalid("passPercent is 1 to 100.");
        if (command.Questions.Count > MaxQuestions) throw DomainException.Invalid($"A quiz has at most {MaxQuestions} questions.");
        var questions = command.Questions.Select(Question).ToList();
        if (questions.Count == 0 && lesson.Quiz is null) return [];
        if (lesson.Quiz is { } quiz && SameQuiz(quiz, new LessonQuiz(command.PassPercent, questions))) return [];
        return [new QuizSet(course.Id, lesson.Id, command.PassPercent, questions, command.SetBy, now)];

        static QuizQuestion Question(QuizQuestion q)
        {
            if (string.IsNullOrWhiteSpace(q.Prompt) || q.Prompt.Trim().Length > 1000) throw DomainException.Invalid("A question is 1 to 1000 characters.");
            if (q.Choices.Count is < 2 or > MaxChoices) throw DomainException.Invalid($"A question has 2 to {MaxChoices} choices.");
            if (q.Choices.Any(c => string.IsNullOrWhiteSpace(c) || c.Trim().Length > 500)) throw DomainException.Invalid("A choice is 1 to 500 characters.");
            var correct = q.Correct.Distinct().Order().ToList();
            if (correct.Count == 0 || correct.Any(i => i < 0 || i >= q.Choices.Count)) throw DomainException.Invalid("Name the right choices by their zero-based index.");
            if (!q.Multiple && correct.Count != 1) throw DomainException.Invalid("A single-choice question has exactly one right choice.");
            return q with { Prompt = q.Prompt.Trim(), Choices = q.Choices.Select(c => c.Trim()).ToList(), Correct = correct };
        }
    }

    /// <summary>A PAID course needs a price first (<paramref name="priced"/>), so that learners can buy what they find.</summary>
    public static object[] Publish(CourseOutline course, bool priced, Guid publishedBy, DateTimeOffset now)
    {
        if (course.ArchivedAt is not null) throw DomainException.Conflict("An archived course cannot be published again.");
        if (!course.Draft.Any(m => m.Lessons.Count > 0)) throw DomainException.Invalid("A course needs at least one lesson to be published.");
        if (course.Access == CourseAccess.Paid && !priced) throw DomainException.Invalid("A PAID course needs a price before it is published: set one with setPrice.");
        return [new CoursePublished(course.Id, publishedBy, now, Changes(course.Published, course.Draft))];
    }

    public static object[] Unpublish(CourseOutline course, Guid unpublishedBy, DateTimeOffset now) =>
        course.IsPublished ? [new CourseUnpublished(course.Id, unpublishedBy, now)] : [];

    public static object[] Archive(CourseOutline course, Guid archivedBy, DateTimeOffset now) =>
        course.ArchivedAt is null ? [new CourseArchived(course.Id, archivedBy, now)] : [];

    public const int MaxChanges = 50;

    /// <summary>What's new in the draft against the version learners have, in outline order; nothing on a first publish.</summary>
    public static IReadOnlyList<string> Changes(List<ModuleOutline>? published, List<ModuleOutline> draft)
    {
        if (published is null) return [];
        var modules = published.ToDictionary(m => m.Id);
        var lessons = published.SelectMany(m => m.Lessons).ToDictionary(l => l.Id);
        var kept = draft.SelectMany(m => m.Lessons).Select(l => l.Id).ToHashSet();
        var changes = new List<string>();
        foreach (var module in draft)
        {
            if (!modules.TryGetValue(module.Id, out var before)) changes.Add($"New module: {module.Title}");
            else if (before.Title != module.Title) changes.Add($"Module renamed: {before.Title} → {module.Title}");
            foreach (var lesson in module.Lessons)
                if (!lessons.TryGetValue(lesson.Id, out var was)) changes.Add($"New lesson: {lesson.Title}");
                else if (!SameLesson(was, lesson)) changes.Add($"Updated lesson: {lesson.Title}");
        }
        changes.AddRange(lessons.Values.Where(l => !kept.Contains(l.Id)).Select(l => $"Removed lesson: {l.Title}"));
        changes.AddRange(published.Where(m => draft.All(d => d.Id != m.Id)).Select(m => $"Removed module: {m.Title}"));
        return changes.Take(MaxChanges).ToList();
    }

    private static bool SameLesson(LessonOutline a, LessonOutline b) =>
        (a.Title, a.Body, a.DripDays, a.DripAt, a.Optional, a.Video?.Id) == (b.Title, b.Body, b.DripDays, b.DripAt, b.Optional, b.Video?.Id)
        && (a.Quiz is null ? b.Quiz is null : b.Quiz is not null && SameQuiz(a.Quiz, b.Quiz));

    private static bool SameQuiz(LessonQuiz a, LessonQuiz b) =>
        a.PassPercent == b.PassPercent && a.Questions.Count == b.Questions.Count && a.Questions.Zip(b.Questions).All(p =>
            (p.First.QuestionId, p.First.Prompt, p.First.Multiple) == (p.Second.QuestionId, p.Second.Prompt, p.Second.Multiple)
            && p.First.Choices.SequenceEqual(p.Second.Choices) && p.First.Correct.SequenceEqual(p.Second.Correct));

    private static (string Title, string Body, int? DripDays, DateTimeOffset? DripAt) LessonFields(string title, string body, int? dripDays, DateTimeOffset? dripAt)
    {
        if (body.Length > 100_000) throw DomainException.Invalid("A lesson body is at most 100,000 characters.");
        if (dripDays is not null && dripAt is not null) throw DomainException.Invalid("Drip by days after enrolment or at a date, not both.");
        if (dripDays is < 0 or > 3650) throw DomainException.Invalid("Drip days are 0 to 3650.");
        return (Title(title), body, dripDays, dripAt);
    }

    private static string Description(string description) =>
        description.Length > 5000 ? throw DomainException.Invalid("A description is at most 5000 characters.") : description.Trim();

    private static string Title(string title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim().Length > 120 ? throw DomainException.Invalid("A title is 1 to 120 characters.") : title.Trim();
}
