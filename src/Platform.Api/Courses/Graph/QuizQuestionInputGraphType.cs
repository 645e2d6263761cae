using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

public sealed record QuizQuestionInput(Guid? Id, string Prompt, List<string> Choices, List<int> Correct, bool? Multiple);

public sealed class QuizQuestionInputGraphType : InputObjectGraphType<QuizQuestionInput>
{
    public QuizQuestionInputGraphType()
    {
        Name = "QuizQuestionInput";
        Field<IdGraphType>("id").Description("Keeps a question's results across edits; by default a question is known by its position.");
        Field<NonNullGraphType<StringGraphType>>("prompt");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choices");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("correct").Description("Zero-based indexes of the right choices.");
        Field<BooleanGraphType>("multiple").Description("Several choices are right; otherwise exactly one is.").DefaultValue(false);
    }
}
