using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Tests.Courses;

/// <summary>Editing, deleting, moving, quizzes, publishing and archiving on the course stream: given an outline, when a command, then events.</summary>
public sealed class course_editing_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Creator = Guid.NewGuid();

    private static LessonOutline Lesson(string title = "L") => new() { Id = Guid.NewGuid(), Title = title };

    private static ModuleOutline Module(string title, params LessonOutline[] lessons) => new() { Id = Guid.NewGuid(), Title = title, Lessons = [.. lessons] };

    private static CourseOutline Outline(params ModuleOutline[] modules) => new()
    {
        Id = Guid.NewGuid(), Title = "Course", Draft = [.. modules],
        OutlineIds = [.. modules.Select(m => m.Id), .. modules.SelectMany(m => m.Lessons).Select(l => l.Id)],
    };

    private static QuizQuestion Question(bool multiple = false, params int[] correct) =>
        new(Guid.NewGuid(), " Which? ", [" a ", "b", "c"], correct, multiple);

    [Fact]
    public void updating_replaces_the_fields_and_the_same_fields_again_change_nothing()
    {
        var lesson = Lesson();
        var module = Module("M", lesson);
        var course = Outline(module);

        var updated = Assert.IsType<LessonUpdated>(Assert.Single(Course.UpdateLesson(course, new UpdateLesson(lesson.Id, " Sanding ", "body", 3, null, true, Creator), Now)));
        Assert.Equal(("Sanding", 3, true), (updated.Title, updated.DripDays, updated.Optional));
        Assert.Empty(Course.UpdateLesson(course, new UpdateLesson(lesson.Id, "L", "", null, null, false, Creator), Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Course.UpdateLesson(course, new UpdateLesson(lesson.Id, "L", "", 2, Now, false, Creator), Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() =>
            Course.UpdateLesson(course, new UpdateLesson(Guid.NewGuid(), "L", "", null, null, false, Creator), Now)).Code);
        Assert.IsType<ModuleUpdated>(Assert.Single(Course.UpdateModule(course, new UpdateModule(module.Id, "Wood", Creator), Now)));
        Assert.Empty(Course.UpdateModule(course, new UpdateModule(module.Id, " M ", Creator), Now));
        Assert.Equal(80, Assert.IsType<CourseUpdated>(Assert.Single(Course.Update(course, new UpdateCourse(course.Id, "Course", "", 80, Creator), Now))).RequiredWatchPercent);
        Assert.Empty(Course.Update(course, new UpdateCourse(course.Id, "Course", "", null, Creator), Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.Update(course, new UpdateCourse(course.Id, "Course", "", 101, Creator), Now)).Code);
    }

    [Fact]
    public void deleting_twice_changes_nothing_and_an_unknown_id_is_not_found()
    {
        var lesson = Lesson();
        var module = Module("M", lesson);
        var course = Outline(module);

        Assert.IsType<LessonDeleted>(Assert.Single(Course.DeleteLesson(course, lesson.Id, Creator, Now)));
        Assert.IsType<ModuleDeleted>(Assert.Single(Course.DeleteModule(course, module.Id, Creator, Now)));
        module.Lessons.Clear();
        course.Draft.Clear();
        Assert.Empty(Course.DeleteLesson(course, lesson.Id, Creator, Now));
        Assert.Empty(Course.DeleteModule(course, module.Id, Creator, Now));
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() => Course.DeleteLesson(course, Guid.NewGuid(), Creator, Now)).Code);
    }

    [Fact]
    public void a_module_moves_to_a_position_within_the_draft()
    {
        var (a, b) = (Module("A"), Module("B"));
        var course = Outline(a, b);

        Assert.Equal(0, Assert.IsType<ModuleMoved>(Assert.Single(Course.MoveModule(course, new MoveModule(b.Id, 0, Creator), Now))).Position);
        Assert.Empty(Course.MoveModule(course, new MoveModule(b.Id, 1, Creator), Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.MoveModule(course, new MoveModule(b.Id, 2, Creator), Now)).Code);
    }

    [Fact]
    public void a_paid_course_is_published_only_with_a_price_and_an_archived_one_never_again()
    {
        var course = Outline(Module("M", Lesson()));
        course.Access = CourseAccess.Paid;

        var error = Assert.Throws<DomainException>(() => Course.Publish(course, priced: false, Creator, Now));
        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Contains("price", error.Message);
        Assert.IsType<CoursePublished>(Assert.Single(Course.Publish(course, priced: true, Creator, Now)));
        Assert.IsType<CourseArchived>(Assert.Single(Course.Archive(course, Creator, Now)));
        course.ArchivedAt = Now;
        Assert.Empty(Course.Archive(course, Creator, Now));
        Assert.Equal(ErrorCodes.Conflict, Assert.Throws<DomainException>(() => Course.Publish(course, priced: true, Creator, Now)).Code);
    }

    [Fact]
    public void whats_new_lists_what_the_draft_changed_against_the_published_version()
    {
        var (kept, edited, removed) = (Lesson("Kept"), Lesson("Edited"), Lesson("Removed"));
        var published = new List<ModuleOutline> { Module("Wood", kept, edited, removed) };
        var draft = published.Select(m => m.Copy()).ToList();
        draft[0].Title = "Timber";
        draft[0].Lessons.RemoveAll(l => l.Id == removed.Id);
        draft[0].Lessons.Single(l => l.Id == edited.Id).Body = "new notes";
        draft[0].Lessons.Add(Lesson("Added"));
        draft.Add(Module("Finish"));

        Assert.Equal(["Module renamed: Wood → Timber", "Updated lesson: Edited", "New lesson: Added", "New module: Finish", "Removed lesson: Removed"],
            Course.Changes(published, draft));
        Assert.Empty(Course.Changes(null, draft));
        Assert.Empty(Course.Changes(published, published.Select(m => m.Copy()).ToList()));
    }

    [Fact]
    public void a_quiz_has_valid_questions_and_setting_the_same_quiz_again_changes_nothing()
    {
        var lesson = Lesson();
        var course = Outline(Module("M", lesson));
        var question = Question(correct: 1);

        var set = Assert.IsType<QuizSet>(Assert.Single(Course.SetQuiz(course, new SetQuiz(lesson.Id, 60, [question], Creator), Now)));
        Assert.Equal(("Which?", "a"), (set.Questions[0].Prompt, set.Questions[0].Choices[0]));
        lesson.Quiz = new LessonQuiz(set.PassPercent, set.Questions);
        Assert.Empty(Course.SetQuiz(course, new SetQuiz(lesson.Id, 60, [question], Creator), Now));
        Assert.IsType<QuizSet>(Assert.Single(Course.SetQuiz(course, new SetQuiz(lesson.Id, 60, [], Creator), Now)));
        foreach (var invalid in new[] { Question(correct: []), Question(false, 0, 1), Question(correct: 3), question with { Choices = ["only"] }, question with { Prompt = " " } })
            Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.SetQuiz(course, new SetQuiz(lesson.Id, 60, [invalid], Creator), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.SetQuiz(course, new SetQuiz(lesson.Id, 0, [question], Creator), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Course.SetQuiz(course, new SetQuiz(lesson.Id, 60, [.. Enumerable.Range(0, Course.MaxQuestions + 1).Select(_ => Question(correct: 0))], Creator), Now)).Code);
    }
}
