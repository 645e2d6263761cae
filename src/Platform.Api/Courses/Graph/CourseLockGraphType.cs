using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record CourseLockForCaller(CourseLockReason Reason, int? Level);

public sealed class CourseLockGraphType : ObjectGraphType<CourseLockForCaller>
{
    public CourseLockGraphType()
    {
        Name = "CourseLock";
        Description = "Why the caller cannot learn the course yet: one button on the course page (join, enrol, buy, or reach the level).";
        Field<NonNullGraphType<EnumerationGraphType<CourseLockReason>>>("reason").Resolve(c => c.Source.Reason);
        Field<IntGraphType>("level").Description("With reason LEVEL: the level that unlocks the course.").Resolve(c => c.Source.Level);
    }
}
