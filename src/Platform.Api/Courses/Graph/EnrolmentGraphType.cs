using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Video;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses.Graph;

public sealed class EnrolmentGraphType : ObjectGraphType<EnrolmentView>
{
    public EnrolmentGraphType()
    {
        Name = "Enrolment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<EnumerationGraphType<EnrolmentSource>>>("source").Resolve(c => c.Source.Source);
        Field(e => e.EnrolledAt);
        Field(e => e.CompletedAt, nullable: true);
        Field(e => e.RevokedAt, nullable: true);
        Field<NonNullGraphType<IntGraphType>>("completedLessons").Description("Every lesson ever completed, deleted ones included.").Resolve(c => c.Source.CompletedLessons.Count);
        Field<CourseGraphType>("course").ResolveAsync(async c => await CourseOf(c));
        Field<NonNullGraphType<IntGraphType>>("progressPercent")
            .Description("Completed required lessons of the course as published, 0 to 100.")
            .ResolveAsync(async c => await CourseOf(c) is { } course ? Courses.Enrolment.ProgressPercent(course, c.Source) : 0);
        Field<CertificateGraphType>("certificate").Resolve(c => c.Source.CertificateId is null ? null : c.Source);
    }

    /// <summary>
    /// The enrolment's course: under <c>course { viewerEnrolment }</c> the course page has loaded it already (the outline is the
    /// page's largest document, and reading it twice showed in the bench's statement table); elsewhere the request's batched lookup (a list of enrolments reads their courses in one query).
    /// </summary>
    private static async Task<CourseOutline?> CourseOf(IResolveFieldContext<EnrolmentView> context) =>
        context.Parent?.Source is CourseOutline course && course.Id == context.Source.CourseId
            ? course
            : await context.RequestServices!.GetRequiredService<DocumentLookup<CourseOutline>>().Get(context.Source.CourseId, context.CancellationToken);
}
