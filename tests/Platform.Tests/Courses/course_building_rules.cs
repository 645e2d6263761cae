using Platform.Api.Courses;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Tests.Courses;

/// <summary>The course stream's building rules alone: given an outline, when a command, then events.</summary>
public sealed class course_building_rules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Creator = Guid.NewGuid();

    private static CreateCourse Create(CourseAccess access = CourseAccess.Free, int? unlockLevel = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), " Luthiery ", "", access, unlockLevel, Creator);

    private static LessonOutline Lesson() => new() { Id = Guid.NewGuid(), Title = "L" };

    private static CourseOutline Outline(params ModuleOutline[] modules) =>
        new() { Id = Guid.NewGuid(), Title = "Course", Draft = [.. modules] };

    private static ModuleOutline Module(params LessonOutline[] lessons) => new() { Id = Guid.NewGuid(), Title = "M", Lessons = [.. lessons] };

    [Fact]
    public void a_course_has_a_trimmed_title_and_a_level_course_names_its_level()
    {
        var created = Assert.IsType<CourseCreated>(Assert.Single(Course.Create(Create(), Now)));

        Assert.Equal("Luthiery", created.Title);
        Assert.Null(created.UnlockLevel);
        Assert.Null(Assert.IsType<CourseCreated>(Assert.Single(Course.Create(Create(CourseAccess.Free, unlockLevel: 3), Now))).UnlockLevel);
        Assert.Equal(3, Assert.IsType<CourseCreated>(Assert.Single(Course.Create(Create(CourseAccess.Level, 3), Now))).UnlockLevel);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.Create(Create(CourseAccess.Level), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.Create(Create(CourseAccess.Level, Course.MaxLevel + 1), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.Create(Create() with { Title = " " }, Now)).Code);
    }

    [Fact]
    public void adding_a_module_or_lesson_again_changes_nothing()
    {
        var lesson = Lesson();
        var module = Module(lesson);
        var course = Outline(module);
        course.OutlineIds = [module.Id, lesson.Id];

        Assert.Empty(Course.AddModule(course, new AddModule(course.Id, module.Id, "M", Creator), Now));
        Assert.IsType<ModuleAdded>(Assert.Single(Course.AddModule(course, new AddModule(course.Id, Guid.NewGuid(), "M2", Creator), Now)));
        Assert.Empty(Course.AddLesson(course, new AddLesson(module.Id, lesson.Id, "L", "", null, null, Creator), Now));
        Assert.IsType<LessonAdded>(Assert.Single(Course.AddLesson(course, new AddLesson(module.Id, Guid.NewGuid(), "L2", "", 2, null, Creator), Now)));
    }

    [Fact]
    public void a_lesson_drips_by_days_or_at_a_date_but_not_both_and_lives_in_a_module_of_the_course()
    {
        var module = Module();
        var course = Outline(module);

        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Course.AddLesson(course, new AddLesson(module.Id, Guid.NewGuid(), "L", "", 2, Now, Creator), Now)).Code);
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Course.AddLesson(course, new AddLesson(module.Id, Guid.NewGuid(), "L", "", -1, null, Creator), Now)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<DomainException>(() =>
            Course.AddLesson(course, new AddLesson(Guid.NewGuid(), Guid.NewGuid(), "L", "", null, null, Creator), Now)).Code);
    }

    [Fact]
    public void a_lesson_moves_to_a_position_among_the_other_lessons_and_staying_put_changes_nothing()
    {
        var (first, second) = (Lesson(), Lesson());
        var source = Module(first, second);
        var target = Module(Lesson());
        var course = Outline(source, target);

        var moved = Assert.IsType<LessonMoved>(Assert.Single(Course.MoveLesson(course, new MoveLesson(first.Id, target.Id, 1, Creator), Now)));

        Assert.Equal((target.Id, 1), (moved.ModuleId, moved.Position));
        Assert.Empty(Course.MoveLesson(course, new MoveLesson(second.Id, source.Id, 1, Creator), Now));
        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() =>
            Course.MoveLesson(course, new MoveLesson(first.Id, target.Id, 2, Creator), Now)).Code);
    }

    [Fact]
    public void a_course_is_published_with_a_lesson_and_unpublishing_a_draft_changes_nothing()
    {
        var empty = Outline(Module());
        var ready = Outline(Module(Lesson()));

        Assert.Equal(ErrorCodes.Validation, Assert.Throws<DomainException>(() => Course.Publish(empty, priced: false, Creator, Now)).Code);
        Assert.IsType<CoursePublished>(Assert.Single(Course.Publish(ready, priced: false, Creator, Now)));
        Assert.Empty(Course.Unpublish(ready, Creator, Now));
    }
}
