using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Video;
using Platform.Projections.Courses;
using Platform.Api.Video.Graph;
using Platform.Api.Files;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses.Graph;

/// <summary>A lesson as one caller sees it: with their enrolment (if any) and whether they build the course.</summary>
public sealed record LessonForCaller(CourseOutline Course, LessonOutline Lesson, EnrolmentView? Enrolment, bool Builds, DateTimeOffset Now, WatchProgress? Watch)
{
    public LockReason? Lock => Builds ? null : Courses.Enrolment.LockOf(Course, Lesson, Enrolment, Now);
}

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
            .Resolve(c => c.Source.Enrolment is { } enrolment ? Courses.Enrolment.OpensAt(c.Source.Lesson, enrolment) : null);
        Field<NonNullGraphType<BooleanGraphType>>("completed").Resolve(c => c.Source.Enrolment?.CompletedLessons.Contains(c.Source.Lesson.Id) ?? false);
        Field<NonNullGraphType<BooleanGraphType>>("optional").Description("Does not count towards completing the course.").Resolve(c => c.Source.Lesson.Optional);
        Field<QuizGraphType>("quiz").Description("The lesson's quiz, without its answers, once the lesson opens for the caller; pass it with submitQuiz to complete the lesson.")
            .Resolve(c => c.Source.Lesson.Quiz is not null && c.Source.Lock is null ? c.Source : null);
        Field<IntGraphType>("resumeAt").Description("Seconds from the video's start where the caller left off; null before they played it.")
            .Resolve(c => c.Source.Watch?.PositionSeconds);
        Field<NonNullGraphType<IntGraphType>>("watchedPercent").Description("The share of the video the caller played at least once, 0 to 100.")
            .Resolve(c => c.Source.Watch?.WatchedPercent ?? 0);
        Field<LessonVideoGraphType>("video").Resolve(c => c.Source.Lesson.Video is null ? null : c.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Files.Graph.FileGraphType>>>>("attachments")
            .Description("Downloads (worksheets, PDFs): for the course's builder and the community's staff, and for enrolled learners once the lesson opens.")
            .ResolveAsync(async c => FilesAccess.MayOpenLessonFiles(c.Caller(), c.Source.Course, c.Source.Lock)
                ? await Files.FileAttachments.FilesOf(c.Reads(), Contracts.Files.FileOwnerKind.Lesson, c.Source.Lesson.Id, c.CancellationToken)
                : []);
        Field<NonNullGraphType<StringGraphType>>("body")
            .Description("The lesson's markdown: for the course's builders, and for enrolled learners once it opens.")
            .AllowOwn(new Ownership("the course's builder, or an enrolled learner once the lesson opens",
                (c, _) => Task.FromResult(((LessonForCaller)c.Source!).Lock is null)), SignedIn)
            .Resolve(c => c.Source.Lesson.Body);
    }
}
