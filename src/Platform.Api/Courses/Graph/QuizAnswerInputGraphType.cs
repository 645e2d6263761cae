using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record QuizAnswerInput(Guid QuestionId, List<int> Choices);

public sealed class QuizAnswerInputGraphType : InputObjectGraphType<QuizAnswerInput>
{
    public QuizAnswerInputGraphType()
    {
        Name = "QuizAnswerInput";
        Field<NonNullGraphType<IdGraphType>>("questionId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("choices").Description("Zero-based indexes of the chosen choices.");
    }
}
