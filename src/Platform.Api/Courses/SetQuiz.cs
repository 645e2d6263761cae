using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;

namespace Platform.Api.Courses;

public sealed record SetQuiz(Guid LessonId, int PassPercent, IReadOnlyList<QuizQuestion> Questions, Guid SetBy);

public static class SetQuizField
{
    public static void AddSetQuiz(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("setQuiz")
            .Description("Replaces a lesson's quiz in the draft (no questions removes it); learners get it on the next publish, without its answers.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<SetQuizInputGraphType>>("input")
            .AllowOwn(CoursesAccess.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                var input = c.GetArgument<SetQuizInput>("input");
                // A question keeps its id by position unless the caller names one, so its results carry over an edit of its wording.
                var questions = input.Questions.Select((q, i) => new QuizQuestion(
                    q.Id ?? DeterministicId.From("quiz-question", lessonId.ToString(), i.ToString()), q.Prompt, q.Choices, q.Correct, q.Multiple ?? false)).ToList();
                await c.Commands().InvokeAsync(new SetQuiz(lessonId, input.PassPercent, questions, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, await CourseReads.CourseIdOf(c.Reads(), lessonId, c.CancellationToken));
            });
}

public static class SetQuizHandler
{
    public static async Task Handle(SetQuiz command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWritingContaining(session, command.LessonId, cancellation);
        stream.AppendMany(Course.SetQuiz(stream.Aggregate!, command, clock.GetUtcNow()));
    }
}
