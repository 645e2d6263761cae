using GraphQL.Types;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses.Graph;

/// <summary>What a learner learns from an attempt: the score, not which choices were right.</summary>
public sealed class QuizAttemptGraphType : ObjectGraphType<QuizAttempted>
{
    public QuizAttemptGraphType()
    {
        Name = "QuizAttempt";
        Field<NonNullGraphType<IdGraphType>>("lessonId").Resolve(c => c.Source.LessonId);
        Field<NonNullGraphType<IntGraphType>>("attempt").Description("1 for the first attempt.").Resolve(c => c.Source.Attempt);
        Field<NonNullGraphType<IntGraphType>>("scorePercent").Resolve(c => c.Source.ScorePercent);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Resolve(c => c.Source.Passed);
    }
}
