using GraphQL.Types;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Courses.Graph;

public sealed class QuizQuestionResultGraphType : ObjectGraphType<(QuizQuestion Question, QuestionTally Tally)>
{
    public QuizQuestionResultGraphType()
    {
        Name = "QuizQuestionResult";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Question.QuestionId);
        Field<NonNullGraphType<StringGraphType>>("prompt").Resolve(c => c.Source.Question.Prompt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choices").Resolve(c => c.Source.Question.Choices);
        Field<NonNullGraphType<BooleanGraphType>>("multiple").Resolve(c => c.Source.Question.Multiple);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("rightChoices").Description("Zero-based indexes of the right choices.")
            .Resolve(c => c.Source.Question.Correct);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Tally.Attempts);
        Field<NonNullGraphType<IntGraphType>>("rightAttempts").Description("Attempts that got this question right.").Resolve(c => c.Source.Tally.Correct);
    }
}
