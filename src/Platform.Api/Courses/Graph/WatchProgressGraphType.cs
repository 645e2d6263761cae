using GraphQL.Types;
using Platform.Projections.Courses;

namespace Platform.Api.Courses.Graph;

public sealed class WatchProgressGraphType : ObjectGraphType<WatchProgress>
{
    public WatchProgressGraphType()
    {
        Name = "WatchProgress";
        Field<NonNullGraphType<IdGraphType>>("lessonId").Resolve(c => c.Source.LessonId);
        Field<NonNullGraphType<IntGraphType>>("resumeAt").Description("Seconds from the start: where the learner left off.").Resolve(c => c.Source.PositionSeconds);
        Field<NonNullGraphType<IntGraphType>>("watchedPercent").Description("The share of the video played at least once, 0 to 100.").Resolve(c => c.Source.WatchedPercent);
        Field<NonNullGraphType<IntGraphType>>("durationSeconds").Resolve(c => c.Source.DurationSeconds);
    }
}
