using Marten.Events.Projections;
using Platform.Contracts.Courses;

namespace Platform.Projections.Courses;

/// <summary>How learners do on one lesson's quiz (ANLY), for its creator: attempts, passing attempts, and per question how often it was right.</summary>
public sealed class QuizResults
{
    /// <summary>The lesson's id.</summary>
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public int Attempts { get; set; }
    public int Passed { get; set; }
    /// <summary>By question id: attempts that contained it, and those that got it right.</summary>
    public Dictionary<Guid, QuestionTally> Questions { get; set; } = [];
}

public sealed class QuestionTally
{
    public int Attempts { get; set; }
    public int Correct { get; set; }
}

/// <summary>Async: many learners attempt the same quiz at once, and the daemon applies their attempts one after another.</summary>
public sealed partial class QuizResultsProjection : MultiStreamProjection<QuizResults, Guid>
{
    public QuizResultsProjection() => Identity<QuizAttempted>(e => e.LessonId);

    public static QuizResults Create(QuizAttempted e) => Apply(e, new QuizResults { Id = e.LessonId, CourseId = e.CourseId });

    public static QuizResults Apply(QuizAttempted e, QuizResults results)
    {
        results.Attempts++;
        if (e.Passed) results.Passed++;
        foreach (var question in e.Questions)
        {
            var tally = results.Questions.TryGetValue(question, out var known) ? known : results.Questions[question] = new QuestionTally();
            tally.Attempts++;
            if (e.CorrectQuestions.Contains(question)) tally.Correct++;
        }
        return results;
    }
}
