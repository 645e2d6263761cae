using GraphQL.Types;
using Platform.Contracts.Courses;

namespace Platform.Api.Analytics.Graph;

public sealed class EnrolmentCountGraphType : ObjectGraphType<EnrolmentCount>
{
    public EnrolmentCountGraphType()
    {
        Name = "EnrolmentCount";
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field(e => e.CourseTitle);
        Field<NonNullGraphType<EnumerationGraphType<EnrolmentSource>>>("source").Resolve(c => c.Source.Source);
        Field(e => e.Count);
    }
}
