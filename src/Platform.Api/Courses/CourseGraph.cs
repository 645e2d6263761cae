using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

public sealed class LessonGraphType : ObjectGraphType<(CourseOutline Course, LessonOutline Lesson)>
{
    public LessonGraphType()
    {
        Name = "Lesson";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Lesson.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Lesson.Title);
        Field<IntGraphType>("dripDays").Resolve(c => c.Source.Lesson.DripDays);
        Field<DateTimeOffsetGraphType>("dripAt").Resolve(c => c.Source.Lesson.DripAt);
        // Learners will read bodies once enrolment exists; until then only the course's creator does.
        Field<NonNullGraphType<StringGraphType>>("body")
            .Description("The lesson's markdown.")
            .AllowOwn(new Ownership("the creator of the course's community",
                (c, caller) => Task.FromResult(caller.Holds(Role.Creator, (((CourseOutline Course, LessonOutline Lesson))c.Source!).Course.CommunityId))), SignedIn)
            .Resolve(c => c.Source.Lesson.Body);
    }
}

public sealed class ModuleGraphType : ObjectGraphType<(CourseOutline Course, ModuleOutline Module)>
{
    public ModuleGraphType()
    {
        Name = "Module";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Module.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Module.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LessonGraphType>>>>("lessons")
            .Resolve(c => c.Source.Module.Lessons.Select(l => (c.Source.Course, l)));
    }
}

public sealed class CourseGraphType : ObjectGraphType<CourseOutline>
{
    public CourseGraphType()
    {
        Name = "Course";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(c => c.Title);
        Field(c => c.Description);
        Field<NonNullGraphType<EnumerationGraphType<CourseAccess>>>("access").Resolve(c => c.Source.Access);
        Field(c => c.UnlockLevel, nullable: true);
        Field<NonNullGraphType<BooleanGraphType>>("published").Resolve(c => c.Source.IsPublished);
        Field(c => c.PublishedAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("modules")
            .Description("The structure learners see: the outline as it was last published (empty while unpublished).")
            .Resolve(c => (c.Source.Published ?? []).Select(m => (c.Source, m)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("draft")
            .Description("The outline being edited; publishCourse releases it.")
            .AllowOwn(new Ownership("the creator of the course's community",
                (c, caller) => Task.FromResult(caller.Holds(Role.Creator, ((CourseOutline)c.Source!).CommunityId))), SignedIn)
            .Resolve(c => c.Source.Draft.Select(m => (c.Source, m)));
    }
}

public sealed class CreateCourseInputGraphType : InputObjectGraphType
{
    public CreateCourseInputGraphType()
    {
        Name = "CreateCourseInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("description");
        Field<EnumerationGraphType<CourseAccess>>("access").DefaultValue(CourseAccess.Free);
        Field<IntGraphType>("unlockLevel").Description("With access LEVEL: the level that unlocks the course.");
    }
}

public sealed class AddModuleInputGraphType : InputObjectGraphType
{
    public AddModuleInputGraphType()
    {
        Name = "AddModuleInput";
        Field<NonNullGraphType<StringGraphType>>("title");
    }
}

public sealed class AddLessonInputGraphType : InputObjectGraphType
{
    public AddLessonInputGraphType()
    {
        Name = "AddLessonInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("body");
        Field<IntGraphType>("dripDays").Description("Opens this many days after enrolment.");
        Field<DateTimeOffsetGraphType>("dripAt").Description("Opens at this moment.");
    }
}

public static class CourseGraph
{
    /// <summary>A published course is visible to whoever may see its community; an unpublished one only to the community's creator.</summary>
    private static async Task<CourseOutline?> Visible(IResolveFieldContext context, CourseOutline? course)
    {
        if (course is null) return null;
        if (context.Caller().Holds(Role.Creator, course.CommunityId)) return course;
        if (!course.IsPublished) return null;
        var community = await context.Reads().LoadAsync<CommunityCard>(course.CommunityId, context.CancellationToken);
        return await CommunityGraph.Visible(context, community) is null ? null : course;
    }

    private static async Task<CourseOutline> Current(IResolveFieldContext context, Guid courseId) =>
        await context.Reads().LoadAsync<CourseOutline>(courseId, context.CancellationToken) ?? throw DomainException.NotFound("The course");

    public static void AddCourseQueries(this ObjectGraphType query)
    {
        query.Field<CourseGraphType>("course")
            .Description("A course with its modules and lessons; unpublished ones only for their creator.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Allow(Everyone)
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id)
                ? await Visible(c, await c.Reads().LoadAsync<CourseOutline>(id, c.CancellationToken))
                : null);
    }

    public static void AddCourseMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CourseGraphType>>("createCourse")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<CreateCourseInputGraphType>>("input")
            .AllowOwn(Ownerships.CommunityCreator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new CreateCourse(Guid.CreateVersion7(), c.IdArgument("communityId"), (string)input["title"]!,
                    input.GetValueOrDefault("description") as string ?? "", input.GetValueOrDefault("access") as CourseAccess? ?? CourseAccess.Free,
                    input.GetValueOrDefault("unlockLevel") as int?, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await Current(c, command.CourseId);
            });

        mutation.Field<NonNullGraphType<CourseGraphType>>("addModule")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .Argument<NonNullGraphType<AddModuleInputGraphType>>("input")
            .AllowOwn(Ownerships.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                await c.Commands().InvokeAsync(new AddModule(courseId, Guid.CreateVersion7(), (string)input["title"]!, c.UserId()), c.CancellationToken);
                return await Current(c, courseId);
            });

        mutation.Field<NonNullGraphType<CourseGraphType>>("addLesson")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .Argument<NonNullGraphType<AddLessonInputGraphType>>("input")
            .AllowOwn(Ownerships.CourseCreator("moduleId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var moduleId = c.IdArgument("moduleId");
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                await c.Commands().InvokeAsync(new AddLesson(moduleId, Guid.CreateVersion7(), (string)input["title"]!,
                    input.GetValueOrDefault("body") as string ?? "", input.GetValueOrDefault("dripDays") as int?,
                    input.GetValueOrDefault("dripAt") as DateTimeOffset?, c.UserId()), c.CancellationToken);
                return await Current(c, await CourseBuildingHandler.CourseIdOf(c.Reads(), moduleId, c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<CourseGraphType>>("moveLesson")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<IdGraphType>>("moduleId")
            .Argument<NonNullGraphType<IntGraphType>>("position", "Zero-based, among the target module's other lessons.")
            .AllowOwn(Ownerships.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                var courseId = await CourseBuildingHandler.CourseIdOf(c.Reads(), lessonId, c.CancellationToken);
                if (await CourseBuildingHandler.CourseIdOf(c.Reads(), c.IdArgument("moduleId"), c.CancellationToken) != courseId)
                    throw DomainException.Invalid("A lesson moves within its own course.");
                await c.Commands().InvokeAsync(new MoveLesson(lessonId, c.IdArgument("moduleId"), c.GetArgument<int>("position"), c.UserId()), c.CancellationToken);
                return await Current(c, courseId);
            });

        foreach (var (name, publish) in new[] { ("publishCourse", true), ("unpublishCourse", false) })
        {
            mutation.Field<NonNullGraphType<CourseGraphType>>(name)
                .Argument<NonNullGraphType<IdGraphType>>("courseId")
                .AllowOwn(Ownerships.CourseCreator("courseId"), Audience.Creator)
                .ResolveAsync(async c =>
                {
                    var courseId = c.IdArgument("courseId");
                    object command = publish ? new PublishCourse(courseId, c.UserId()) : new UnpublishCourse(courseId, c.UserId());
                    await c.Commands().InvokeAsync(command, c.CancellationToken);
                    return await Current(c, courseId);
                });
        }
    }
}
