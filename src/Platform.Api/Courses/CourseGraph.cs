using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

/// <summary>A lesson as one caller sees it: with their enrolment (if any) and whether they build the course.</summary>
public sealed record LessonForCaller(CourseOutline Course, LessonOutline Lesson, EnrolmentView? Enrolment, bool Builds, DateTimeOffset Now)
{
    public LockReason? Lock => Builds ? null : Learning.LockOf(Course, Lesson, Enrolment, Now);
}

public sealed record ModuleForCaller(CourseOutline Course, ModuleOutline Module, EnrolmentView? Enrolment, bool Builds, DateTimeOffset Now);

public sealed class LessonGraphType : ObjectGraphType<LessonForCaller>
{
    public LessonGraphType()
    {
        Name = "Lesson";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Lesson.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Lesson.Title);
        Field<IntGraphType>("dripDays").Resolve(c => c.Source.Lesson.DripDays);
        Field<DateTimeOffsetGraphType>("dripAt").Resolve(c => c.Source.Lesson.DripAt);
        Field<NonNullGraphType<BooleanGraphType>>("locked").Description("Whether the caller cannot open it now.").Resolve(c => c.Source.Lock is not null);
        Field<EnumerationGraphType<LockReason>>("lockReason").Description("Why it is locked: not enrolled, a level not reached yet, or dripping.").Resolve(c => c.Source.Lock);
        Field<DateTimeOffsetGraphType>("opensAt").Description("For an enrolled learner: when a dripping lesson opens.")
            .Resolve(c => c.Source.Enrolment is { } enrolment ? Learning.OpensAt(c.Source.Lesson, enrolment) : null);
        Field<NonNullGraphType<BooleanGraphType>>("completed").Resolve(c => c.Source.Enrolment?.CompletedLessons.Contains(c.Source.Lesson.Id) ?? false);
        Field<LessonVideoGraphType>("video").Resolve(c => c.Source.Lesson.Video is null ? null : c.Source);
        Field<NonNullGraphType<StringGraphType>>("body")
            .Description("The lesson's markdown: for the course's builders, and for enrolled learners once it opens.")
            .AllowOwn(new Ownership("the course's builder, or an enrolled learner once the lesson opens",
                (c, _) => Task.FromResult(((LessonForCaller)c.Source!).Lock is null)), SignedIn)
            .Resolve(c => c.Source.Lesson.Body);
    }
}

public sealed class LessonVideoGraphType : ObjectGraphType<LessonForCaller>
{
    public LessonVideoGraphType()
    {
        Name = "LessonVideo";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Lesson.Video!.Id);
        Field<NonNullGraphType<EnumerationGraphType<VideoStatus>>>("status").Resolve(c => c.Source.Lesson.Video!.Status);
        Field<StringGraphType>("failureReason").Resolve(c => c.Source.Lesson.Video!.FailureReason);
        Field<StringGraphType>("playbackUrl")
            .Description("A short-lived signed URL, for callers who may open the lesson, once the video is ready.")
            .Resolve(c => c.Source is { Lock: null, Lesson.Video: { Status: VideoStatus.Ready } video }
                ? c.RequestServices!.GetRequiredService<Video.IVideoProvider>().PlaybackUrl(video.ProviderVideoId)
                : null);
    }
}

public sealed class VideoUploadGraphType : ObjectGraphType<(Guid VideoId, Video.VideoUpload Upload)>
{
    public VideoUploadGraphType()
    {
        Name = "VideoUpload";
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.VideoId);
        Field<NonNullGraphType<StringGraphType>>("uploadUrl").Description("Where the file goes, the way `method` says.").Resolve(c => c.Source.Upload.UploadUrl);
        Field<NonNullGraphType<EnumerationGraphType<Video.VideoUploadMethod>>>("method")
            .Description("PUT: the bytes as the body, with the file's video/* Content-Type. POST_MULTIPART: one multipart/form-data POST, the file in `formField`. TUS: the tus 1.0.0 resumable protocol (files over 200 MB on Cloudflare Stream).")
            .Resolve(c => c.Source.Upload.Method);
        Field<StringGraphType>("formField").Description("The multipart field that carries the file, for POST_MULTIPART.")
            .Resolve(c => c.Source.Upload.Method == Video.VideoUploadMethod.PostMultipart ? "file" : null);
    }
}

public sealed class RequestVideoUploadInputGraphType : InputObjectGraphType
{
    public RequestVideoUploadInputGraphType()
    {
        Name = "RequestVideoUploadInput";
        Field<NonNullGraphType<StringGraphType>>("fileName");
        Field<NonNullGraphType<LongGraphType>>("sizeBytes");
    }
}

public sealed class ModuleGraphType : ObjectGraphType<ModuleForCaller>
{
    public ModuleGraphType()
    {
        Name = "Module";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Module.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Module.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LessonGraphType>>>>("lessons")
            .Resolve(c => c.Source.Module.Lessons.Select(l => new LessonForCaller(c.Source.Course, l, c.Source.Enrolment, c.Source.Builds, c.Source.Now)));
    }
}

public sealed class CertificateGraphType : ObjectGraphType<EnrolmentView>
{
    public CertificateGraphType()
    {
        Name = "Certificate";
        Description = "Verifiable by its id with verifyCertificate.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.CertificateId);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<StringGraphType>>("courseTitle").Resolve(c => c.Source.CertificateCourseTitle);
        Field<NonNullGraphType<StringGraphType>>("learnerName").Resolve(c => c.Source.CertificateLearnerName);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("issuedAt").Resolve(c => c.Source.CertificateIssuedAt);
        Field<NonNullGraphType<BooleanGraphType>>("valid").Description("False once the enrolment behind it was revoked.").Resolve(c => c.Source.RevokedAt is null);
        Field<DateTimeOffsetGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt);
    }
}

public sealed class EnrolmentGraphType : ObjectGraphType<EnrolmentView>
{
    public EnrolmentGraphType()
    {
        Name = "Enrolment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<EnumerationGraphType<EnrolmentSource>>>("source").Resolve(c => c.Source.Source);
        Field(e => e.EnrolledAt);
        Field(e => e.CompletedAt, nullable: true);
        Field(e => e.RevokedAt, nullable: true);
        Field<NonNullGraphType<IntGraphType>>("completedLessons").Resolve(c => c.Source.CompletedLessons.Count);
        Field<CourseGraphType>("course").ResolveAsync(async c =>
            await c.Reads().LoadAsync<CourseOutline>(c.Source.CourseId, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("progressPercent")
            .Description("Completed lessons of the course as published, 0 to 100.")
            .ResolveAsync(async c =>
            {
                var course = await c.Reads().LoadAsync<CourseOutline>(c.Source.CourseId, c.CancellationToken);
                var lessons = (course?.Published ?? []).SelectMany(m => m.Lessons).Select(l => l.Id).ToList();
                return lessons.Count == 0 ? 0 : 100 * lessons.Count(c.Source.CompletedLessons.Contains) / lessons.Count;
            });
        Field<CertificateGraphType>("certificate").Resolve(c => c.Source.CertificateId is null ? null : c.Source);
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
        Field<Commerce.PriceGraphType>("price").Description("What a PAID course costs now; buy it with startCheckout.")
            .ResolveAsync(async c => await Commerce.CommerceGraph.PriceOf(c, c.Source.Id));
        Field(c => c.PublishedAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("modules")
            .Description("The structure learners see: the outline as it was last published (empty while unpublished), locked or not for the caller.")
            .ResolveAsync(async c => await CourseGraph.ForCaller(c, c.Source.Published ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModuleGraphType>>>>("draft")
            .Description("The outline being edited; publishCourse releases it.")
            .AllowOwn(new Ownership("the creator of the course's community",
                (c, caller) => Task.FromResult(caller.Holds(Role.Creator, ((CourseOutline)c.Source!).CommunityId))), SignedIn)
            .ResolveAsync(async c => await CourseGraph.ForCaller(c, c.Source.Draft));
        Field<EnrolmentGraphType>("viewerEnrolment").Description("The caller's enrolment, if any.").ResolveAsync(async c =>
            c.Caller().UserId is { } userId
                ? await c.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(c.Source.Id, userId), c.CancellationToken)
                : null);
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
        // The community's own stream, not its async card: a course is visible the moment both exist.
        var community = await context.Reads().Events.AggregateStreamAsync<Community>(course.CommunityId, token: context.CancellationToken);
        var visible = community?.Visibility == CommunityVisibility.Public
            || await Ownerships.IsCommunityMember(context.Reads(), context.Caller(), course.CommunityId, context.CancellationToken);
        return visible ? course : null;
    }

    /// <summary>Modules with what the caller needs to see locks: their enrolment, loaded once per course.</summary>
    public static async Task<IEnumerable<ModuleForCaller>> ForCaller(IResolveFieldContext context, List<ModuleOutline> modules)
    {
        var course = (CourseOutline)context.Source!;
        var caller = context.Caller();
        var enrolment = caller.UserId is { } userId
            ? await context.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(course.Id, userId), context.CancellationToken)
            : null;
        var builds = caller.Holds(Role.Creator, course.CommunityId);
        var now = context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        return modules.Select(m => new ModuleForCaller(course, m, enrolment, builds, now));
    }

    private static async Task<CourseOutline> Current(IResolveFieldContext context, Guid courseId) =>
        await context.Reads().LoadAsync<CourseOutline>(courseId, context.CancellationToken) ?? throw DomainException.NotFound("The course");

    public static void AddCourseQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionGraphType<EnrolmentGraphType, EnrolmentView>>>("myLearning")
            .Description("The caller's enrolments, most recent first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var userId = c.UserId();
                return await c.Reads().Query<EnrolmentView>().Where(e => e.UserId == userId).NewestFirst(c, e => e.EnrolledAt);
            });

        query.Field<CertificateGraphType>("certificate")
            .Description("The certificate of one of the caller's enrolments, once the course is complete.")
            .Argument<NonNullGraphType<IdGraphType>>("enrolmentId")
            .AllowOwn(OwnEnrolment, SignedIn)
            .ResolveAsync(async c =>
                await c.Reads().LoadAsync<EnrolmentView>(c.IdArgument("enrolmentId"), c.CancellationToken) is { CertificateId: not null } enrolment ? enrolment : null);

        query.Field<CertificateGraphType>("verifyCertificate")
            .Description("Anyone can check a certificate id: the course and learner it names, or null when no such certificate exists.")
            .Argument<NonNullGraphType<IdGraphType>>("certificateId")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("certificateId"), out var certificateId)) return null;
                return await c.Reads().Query<EnrolmentView>().FirstOrDefaultAsync(e => e.CertificateId == certificateId, c.CancellationToken);
            });

        query.Field<CourseGraphType>("course")
            .Description("A course with its modules and lessons; unpublished ones only for their creator.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Allow(Everyone)
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id)
                ? await Visible(c, await c.Reads().LoadAsync<CourseOutline>(id, c.CancellationToken))
                : null);
    }

    private static readonly Ownership OwnEnrolment = new("the learner of the enrolment", async (c, caller) =>
        Guid.TryParse(c.GetArgument<string?>("enrolmentId"), out var id)
        && (await c.Reads().LoadAsync<EnrolmentView>(id, c.CancellationToken))?.UserId == caller.UserId, HideOthers: true);

    private static readonly Ownership EnrolledInLessonCourse = new("a learner enrolled in the lesson's course", async (c, caller) =>
    {
        if (!Guid.TryParse(c.GetArgument<string?>("lessonId"), out var lessonId) || caller.UserId is not { } userId) return false;
        return await CourseBuildingHandler.CourseContaining(c.Reads(), lessonId, c.CancellationToken) is { } course
            && await c.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(course.Id, userId), c.CancellationToken) is not null;
    });

    private static async Task<EnrolmentView> EnrolmentOf(IResolveFieldContext context, Guid courseId) =>
        await context.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(courseId, context.UserId()), context.CancellationToken)
        ?? throw DomainException.NotFound("The enrolment");

    public static void AddCourseMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EnrolmentGraphType>>("enrolFree")
            .Description("Enrols the caller in a free published course of a community they are an active member of.")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                await c.Commands().InvokeAsync(new EnrolFree(courseId, c.UserId()), c.CancellationToken);
                return await EnrolmentOf(c, courseId);
            });

        mutation.Field<NonNullGraphType<EnrolmentGraphType>>("completeLesson")
            .Description("Marks an open lesson done (again changes nothing); the last one completes the course and issues its certificate.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .AllowOwn(EnrolledInLessonCourse, SignedIn)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                await c.Commands().InvokeAsync(new CompleteLesson(lessonId, c.UserId()), c.CancellationToken);
                return await EnrolmentOf(c, await CourseBuildingHandler.CourseIdOf(c.Reads(), lessonId, c.CancellationToken));
            });

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

        mutation.Field<NonNullGraphType<VideoUploadGraphType>>("requestVideoUpload")
            .Description("Starts a lesson video upload (replacing any earlier one): returns where to send the bytes.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<RequestVideoUploadInputGraphType>>("input")
            .AllowOwn(Ownerships.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var command = new Video.RequestVideoUpload(c.IdArgument("lessonId"), Guid.CreateVersion7(), (string)input["fileName"]!,
                    Convert.ToInt64(input["sizeBytes"]), c.UserId());
                return (command.VideoId, await c.Commands().InvokeAsync<Video.VideoUpload>(command, c.CancellationToken));
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
