using Marten;
using Platform.Contracts;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

/// <summary>Sent by commerce when a purchase is fully refunded or a dispute is lost; no GraphQL field of its own.</summary>
public sealed record RevokeEnrolment(Guid CourseId, Guid UserId, string Reason);

public static class RevokeEnrolmentHandler
{
    public static async Task Handle(RevokeEnrolment command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<EnrolmentView>(DeterministicId.Enrolment(command.CourseId, command.UserId), cancellation);
        stream.AppendMany(Enrolment.Revoke(stream.Aggregate, command.Reason, clock.GetUtcNow()));
    }
}
