using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record UpdateCourseInput(string Title, string? Description, int? RequiredWatchPercent);

public sealed class UpdateCourseInputGraphType : InputObjectGraphType<UpdateCourseInput>
{
    public UpdateCourseInputGraphType()
    {
        Name = "UpdateCourseInput";
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<StringGraphType>("description");
        Field<IntGraphType>("requiredWatchPercent").Description("1 to 100: a lesson with a video completes only after the learner watched this share of it. Null: no such rule.");
    }
}
