using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

/// <summary>The module's queries: thin reads of projected documents.</summary>
public static class CourseQueries
{
    public static void AddMyLearningQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<EnrolmentGraphType, EnrolmentView>>>("myLearning")
            .Description("The caller's enrolments, most recent first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var userId = c.UserId();
                return await c.Reads().Query<EnrolmentView>().Where(e => e.UserId == userId).NewestFirst(c, e => e.EnrolledAt, e => e.Id);
            });

    public static void AddCertificateQuery(this ObjectGraphType query) =>
        query.Field<CertificateGraphType>("certificate")
            .Description("The certificate of one of the caller's enrolments, once the course is complete.")
            .Argument<NonNullGraphType<IdGraphType>>("enrolmentId")
            .AllowOwn(CoursesAccess.OwnEnrolment, SignedIn)
            .ResolveAsync(async c =>
                await c.Reads().LoadAsync<EnrolmentView>(c.IdArgument("enrolmentId"), c.CancellationToken) is { CertificateId: not null } enrolment ? enrolment : null);

    public static void AddVerifyCertificateQuery(this ObjectGraphType query) =>
        query.Field<CertificateGraphType>("verifyCertificate")
            .Description("Anyone can check a certificate id: the course and learner it names, or null when no such certificate exists.")
            .Argument<NonNullGraphType<IdGraphType>>("certificateId")
            .Allow(Everyone)
            .ResolveAsync(async c =>
            {
                if (!Guid.TryParse(c.GetArgument<string>("certificateId"), out var certificateId)) return null;
                return await c.Reads().Query<EnrolmentView>().FirstOrDefaultAsync(e => e.CertificateId == certificateId, c.CancellationToken);
            });

    public static void AddCourseQuery(this ObjectGraphType query) =>
        query.Field<CourseGraphType>("course")
            .Description("A course with its modules and lessons; unpublished ones only for their creator.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Allow(Everyone)
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<string>("id"), out var id)
                ? await CoursesAccess.Visible(c, await OutlineCache.Load(c.Reads(), id, c.CancellationToken))
                : null);
}
