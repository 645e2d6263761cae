using GraphQL.Types;

namespace Platform.Api.Courses;

/// <summary>The Courses module's table of contents: its GraphQL fields (its read models are registered with the projections).</summary>
public static class CoursesConfiguration
{
    public static void AddCourseQueries(this ObjectGraphType query)
    {
        query.AddMyLearningQuery();
        query.AddCertificateQuery();
        query.AddVerifyCertificateQuery();
        query.AddCourseQuery();
        query.AddQuizResultsQuery();
    }

    public static void AddCourseMutations(this ObjectGraphType mutation)
    {
        mutation.AddEnrolFree();
        mutation.AddCompleteLesson();
        mutation.AddCreateCourse();
        mutation.AddAddModule();
        mutation.AddAddLesson();
        mutation.AddMoveLesson();
        mutation.AddPublishCourse();
        mutation.AddUnpublishCourse();
        mutation.AddArchiveCourse();
        mutation.AddUpdateCourse();
        mutation.AddUpdateModule();
        mutation.AddUpdateLesson();
        mutation.AddDeleteModule();
        mutation.AddDeleteLesson();
        mutation.AddMoveModule();
        mutation.AddSetQuiz();
        mutation.AddSubmitQuiz();
        mutation.AddRecordVideoProgress();
    }
}
