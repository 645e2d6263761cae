using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

public sealed record SubmitQuiz(Guid LessonId, IReadOnlyList<QuizAnswer> Answers, Guid UserId);

public static class SubmitQuizField
{
    public static void AddSubmitQuiz(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<QuizAttemptGraphType>>("submitQuiz")
            .Description("Scores an attempt at an open lesson's quiz on the server; passing lets the lesson complete.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<QuizAnswerInputGraphType>>>>("answers")
            .AllowOwn(CoursesAccess.EnrolledInLessonCourse, SignedIn)
            .ResolveAsync(async c =>
            {
                var answers = c.GetArgument<List<QuizAnswerInput>>("answers");
                if (answers.Count > Course.MaxQuestions || answers.Any(a => a.Choices.Count > Course.MaxChoices))
                    throw DomainException.Invalid($"At most {Course.MaxQuestions} answers of at most {Course.MaxChoices} choices each.");
                return await c.Commands().InvokeAsync<QuizAttempted>(
                    new SubmitQuiz(c.IdArgument("lessonId"), [.. answers.Select(a => new QuizAnswer(a.QuestionId, a.Choices))], c.UserId()), c.CancellationToken);
            });
}

public static class SubmitQuizHandler
{
    public static async Task<QuizAttempted> Handle(SubmitQuiz command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var course = await OutlineCache.Load(session, await CourseReads.CourseIdOf(session, command.LessonId, cancellation), cancellation)
            ?? throw DomainException.NotFound("The course");
        var stream = await session.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(course.Id, command.UserId), cancellation);
        var attempt = (QuizAttempted)Enrolment.SubmitQuiz(course, stream.Aggregate, command.LessonId, command.Answers, clock.GetUtcNow()).Single();
        stream.AppendOne(attempt);
        return attempt;
    }
}
