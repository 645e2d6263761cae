using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Courses.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Courses;
using Platform.Projections.Courses;

namespace Platform.Api.Courses;

public sealed record CreateCourse(Guid CourseId, Guid CommunityId, string Title, string Description, CourseAccess Access, int? UnlockLevel, Guid CreatedBy);

public static class CreateCourseField
{
    public static void AddCreateCourse(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CourseGraphType>>("createCourse")
            .Argument<NonNullGraphType<IdGraphType>>("communityId")
            .Argument<NonNullGraphType<CreateCourseInputGraphType>>("input")
            .AllowOwn(Communities.CommunitiesAccess.Creator("communityId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateCourseInput>("input");
                var command = new CreateCourse(Guid.CreateVersion7(), c.IdArgument("communityId"), input.Title, input.Description ?? "",
                    input.Access ?? CourseAccess.Free, input.UnlockLevel, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await CourseReads.Current(c, command.CourseId);
            });
}

public static class CreateCourseHandler
{
    public static async Task Handle(CreateCourse command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        await Communities.Community.Load(session, command.CommunityId, cancellation);
        session.Events.StartStream<CourseOutline>(command.CourseId, Course.Create(command, clock.GetUtcNow()));
    }
}
