using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class CourseFunnelGraphType : ObjectGraphType<CourseFunnel>
{
    public CourseFunnelGraphType()
    {
        Name = "CourseFunnel";
        Description = "Enrolments made in the window and how far they got by its end.";
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field(f => f.CourseTitle);
        Field(f => f.Enrolled);
        Field(f => f.Started).Description("Completed at least one lesson.");
        Field(f => f.Reached25).Description("Completed at least 25 % of the required lessons.");
        Field(f => f.Reached50);
        Field(f => f.Reached75);
        Field(f => f.Completed);
        Field(f => f.MedianDaysToComplete, nullable: true).Description("From enrolment to completion, over those that completed.");
    }
}
