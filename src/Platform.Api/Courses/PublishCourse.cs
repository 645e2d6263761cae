using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Projections.Commerce;

namespace Platform.Api.Courses;

public sealed record PublishCourse(Guid CourseId, Guid PublishedBy);

public static class PublishCourseField
{
    public static void AddPublishCourse(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("publishCourse")
            .Description("Releases the draft to learners, listing what changed for those enrolled; a PAID course needs its price first.")
            .Argument<NonNullGraphType<IdGraphType>>("courseId")
            .AllowOwn(CoursesAccess.CourseCreator("courseId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var courseId = c.IdArgument("courseId");
                await c.Commands().InvokeAsync(new PublishCourse(courseId, c.UserId()), c.CancellationToken);
                return await CourseReads.Current(c, courseId);
            });
}

public static class PublishCourseHandler
{
    public static async Task Handle(PublishCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await CourseReads.ForWriting(session, command.CourseId, cancellation);
        var product = await session.LoadAsync<ProductView>(DeterministicId.Product(command.CourseId), cancellation);
        stream.AppendMany(Course.Publish(stream.Aggregate!, product?.CurrentPrice is not null, command.PublishedBy, clock.GetUtcNow()));
    }
}
