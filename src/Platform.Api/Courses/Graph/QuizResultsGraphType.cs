using GraphQL.Types;
using Platform.Projections.Courses;

namespace Platform.Api.Courses.Graph;

public sealed record QuizResultsForCreator(Guid LessonId, LessonQuiz Quiz, QuizResults Results);

/// <summary>Only quizResults (the course's creator) returns this type: it is the one place the right choices are sent.</summary>
public sealed class QuizResultsGraphType : ObjectGraphType<QuizResultsForCreator>
{
    public QuizResultsGraphType()
    {
        Name = "QuizResults";
        Field<NonNullGraphType<IdGraphType>>("lessonId").Resolve(c => c.Source.LessonId);
        Field<NonNullGraphType<IntGraphType>>("passPercent").Resolve(c => c.Source.Quiz.PassPercent);
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Results.Attempts);
        Field<NonNullGraphType<IntGraphType>>("passedAttempts").Resolve(c => c.Source.Results.Passed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QuizQuestionResultGraphType>>>>("questions")
            .Description("The quiz as it is now in the draft (or as last published, once deleted from it), with learners' results per question.")
            .Resolve(c => c.Source.Quiz.Questions.Select(q => (q, c.Source.Results.Questions.GetValueOrDefault(q.QuestionId) ?? new QuestionTally())));
    }
}
