using GraphQL.Types;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses.Graph;

/// <summary>A question as learners see it: no field says which choices are right.</summary>
public sealed class QuizQuestionGraphType : ObjectGraphType<QuizQuestion>
{
    public QuizQuestionGraphType()
    {
        Name = "QuizQuestion";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.QuestionId);
        Field<NonNullGraphType<StringGraphType>>("prompt").Resolve(c => c.Source.Prompt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choices").Resolve(c => c.Source.Choices);
        Field<NonNullGraphType<BooleanGraphType>>("multiple").Description("Several choices may be right.").Resolve(c => c.Source.Multiple);
    }
}
