using GraphQL;
using GraphQL.Types;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

public static class QuizResultsQuery
{
    public static void AddQuizResultsQuery(this ObjectGraphType query) =>
        query.Field<QuizResultsGraphType>("quizResults")
            .Description("For the course's creator: a lesson's quiz with its right choices, and per question how often learners got it right. Null without a quiz.")
            .Argument<NonNullGraphType<IdGraphType>>("lessonId")
            .AllowOwn(CoursesAccess.CourseCreator("lessonId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var lessonId = c.IdArgument("lessonId");
                var course = await CourseReads.CourseContaining(c.Reads(), lessonId, c.CancellationToken) ?? throw DomainException.NotFound("The lesson");
                var lesson = course.Draft.Concat(course.Published ?? []).SelectMany(m => m.Lessons).FirstOrDefault(l => l.Id == lessonId);
                return lesson?.Quiz is { } quiz
                    ? new QuizResultsForCreator(lessonId, quiz, await c.Reads().LoadAsync<QuizResults>(lessonId, c.CancellationToken) ?? new QuizResults { Id = lessonId })
                    : null;
            });
}
