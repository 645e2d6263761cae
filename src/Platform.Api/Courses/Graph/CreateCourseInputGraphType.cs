using GraphQL.Types;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses.Graph;

public sealed record CreateCourseInput(string Title, string? Description, CourseAccess? Access, int? UnlockLevel);

public sealed class CreateCourseInputGraphType : InputObjectGraphType<CreateCourseInput>
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
