using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record AddLessonInput(string Title, string? Body, int? DripDays, DateTimeOffset? DripAt);

public sealed class AddLessonInputGraphType : InputObjectGraphType<AddLessonInput>
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
