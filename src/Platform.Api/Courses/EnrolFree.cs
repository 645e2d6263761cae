using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Communities;
using Platform.Projections.Courses;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Courses;

public sealed record EnrolFree(Guid CourseId, Guid UserId);

public static class EnrolFreeField
{
    public static void AddEnrolFree(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<EnrolmentGraphType>>("enrolFree")
            .Description("Enrols the caller in a free published course of a community they are an active member of.")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                await c.Commands().InvokeAsync(new EnrolFree(courseId, c.UserId()), c.CancellationToken);
                return await CourseReads.EnrolmentOf(c, courseId);
            });
}

public static class EnrolFreeHandler
{
    public static async Task Handle(EnrolFree command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var course = await OutlineCache.Load(session, command.CourseId, cancellation) ?? throw DomainException.NotFound("The course");
        var membership = await CommunitiesAccess.MembershipOf(session, course.CommunityId, command.UserId, cancellation);
        var stream = await session.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(course.Id, command.UserId), cancellation);
        var levelReached = course.Access == Contracts.Courses.CourseAccess.Level
            ? await Engagement.EngagementAccess.HighestLevel(session, course.CommunityId, command.UserId, cancellation)
            : 0;
        stream.AppendMany(Enrolment.Enrol(course, stream.Aggregate, command.UserId, membership?.Status == MembershipStatus.Active, levelReached, clock.GetUtcNow()));
    }
}
