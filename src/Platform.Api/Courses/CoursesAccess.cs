using GraphQL;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>Who may see or do what with courses and enrolments. Building a course is for its community's creator.</summary>
public static class CoursesAccess
{
    public static bool Builds(Caller caller, CourseOutline course) => caller.Holds(Role.Creator, course.CommunityId);

    /// <summary>
    /// A published course is visible to whoever may read its community; an unpublished or archived one to its builder, and to the
    /// learners enrolled in it, who keep the version last published.
    /// </summary>
    public static async Task<CourseOutline?> Visible(IResolveFieldContext context, CourseOutline? course) =>
        course is not null && (Builds(context.Caller(), course)
                               || course.IsPublished && await CommunitiesAccess.MayRead(context.Reads(), context.Caller(), course.CommunityId, context.CancellationToken)
                               || await KeepsAccess(context, course))
            ? course
            : null;

    private static async Task<bool> KeepsAccess(IResolveFieldContext context, CourseOutline course) =>
        course.Published is not null && context.Caller().UserId is { } userId
        && await context.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(course.Id, userId), context.CancellationToken) is { RevokedAt: null };

    /// <summary>The creator of the community that owns the course, module or lesson named by <paramref name="argument"/>.</summary>
    public static Ownership CourseCreator(string argument) =>
        new($"the creator of the community of the course, module or lesson in '{argument}'", async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>(argument), out var id)) return false;
            var reads = context.Reads();
            var course = await OutlineCache.Load(reads, id, context.CancellationToken)
                ?? await CourseReads.CourseContaining(reads, id, context.CancellationToken);
            return course is not null && Builds(caller, course);
        }, HideOthers: true);

    /// <summary>The <c>draft</c> field of a course.</summary>
    public static readonly Ownership Builder = new("the creator of the course's community",
        (context, caller) => Task.FromResult(Builds(caller, (CourseOutline)context.Source!)));

    public static readonly Ownership OwnEnrolment = new("the learner of the enrolment", async (c, caller) =>
        Guid.TryParse(c.GetArgument<string?>("enrolmentId"), out var id)
        && (await c.Reads().LoadAsync<EnrolmentView>(id, c.CancellationToken))?.UserId == caller.UserId, HideOthers: true);

    public static readonly Ownership EnrolledInLessonCourse = new("a learner enrolled in the lesson's course", async (c, caller) =>
    {
        if (!Guid.TryParse(c.GetArgument<string?>("lessonId"), out var lessonId) || caller.UserId is not { } userId) return false;
        return await CourseReads.CourseIdContaining(c, lessonId) is { } courseId
            && await c.Reads().LoadAsync<EnrolmentView>(DeterministicId.Enrolment(courseId, userId), c.CancellationToken) is not null;
    });
}
