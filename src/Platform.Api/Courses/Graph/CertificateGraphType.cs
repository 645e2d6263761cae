using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Contracts.Courses;
using Platform.Contracts.Identity;
using Platform.Contracts.Video;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses.Graph;

public sealed class CertificateGraphType : ObjectGraphType<EnrolmentView>
{
    public CertificateGraphType()
    {
        Name = "Certificate";
        Description = "Verifiable by its id with verifyCertificate.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.CertificateId);
        Field<NonNullGraphType<IdGraphType>>("courseId").Resolve(c => c.Source.CourseId);
        Field<NonNullGraphType<StringGraphType>>("courseTitle").Resolve(c => c.Source.CertificateCourseTitle);
        Field<NonNullGraphType<StringGraphType>>("learnerName").Resolve(c => c.Source.CertificateLearnerName);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("issuedAt").Resolve(c => c.Source.CertificateIssuedAt);
        Field<NonNullGraphType<BooleanGraphType>>("valid").Description("False once the enrolment behind it was revoked.").Resolve(c => c.Source.RevokedAt is null);
        Field<DateTimeOffsetGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt);
    }
}
