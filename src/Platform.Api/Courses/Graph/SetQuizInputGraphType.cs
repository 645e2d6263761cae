using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record SetQuizInput(int PassPercent, List<QuizQuestionInput> Questions);

public sealed class SetQuizInputGraphType : InputObjectGraphType<SetQuizInput>
{
    public SetQuizInputGraphType()
    {
        Name = "SetQuizInput";
        Field<NonNullGraphType<IntGraphType>>("passPercent").Description("The score, 1 to 100, that passes.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuizQuestionInputGraphType>>>>("questions").Description("No questions removes the quiz.");
    }
}
