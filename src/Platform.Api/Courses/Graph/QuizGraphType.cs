using GraphQL.Types;

namespace Platform.Api.Courses.Graph;

/// <summary>A lesson's quiz as learners see it: questions and choices, never which are right (those are in <see cref="QuizResultsGraphType"/>).</summary>
public sealed class QuizGraphType : ObjectGraphType<LessonForCaller>
{
    public QuizGraphType()
    {
        Name = "Quiz";
        Field<NonNullGraphType<IntGraphType>>("passPercent").Resolve(c => c.Source.Lesson.Quiz!.PassPercent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuizQuestionGraphType>>>>("questions").Resolve(c => c.Source.Lesson.Quiz!.Questions);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("The caller's attempts so far.")
            .Resolve(c => c.Source.Enrolment?.QuizAttempts.GetValueOrDefault(c.Source.Lesson.Id) ?? 0);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Description("Whether the caller passed it.")
            .Resolve(c => c.Source.Enrolment?.PassedQuizzes.Contains(c.Source.Lesson.Id) ?? false);
    }
}
