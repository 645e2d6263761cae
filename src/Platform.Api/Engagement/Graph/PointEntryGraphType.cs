using GraphQL.Types;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;
using Platform.Projections.Engagement;

namespace Platform.Api.Engagement.Graph;

public sealed class PointEntryGraphType : ObjectGraphType<PointEntry>
{
    public PointEntryGraphType()
    {
        Name = "PointEntry";
        Description = "One line of a member's points, with its reason. A withdrawn line counts nothing and says why.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("userId").Description("Who earned the points.").Resolve(c => c.Source.UserId);
        Field(e => e.Points);
        Field<NonNullGraphType<EnumerationGraphType<PointReason>>>("reason").Resolve(c => c.Source.Reason);
        Field(e => e.At);
        Field<IdGraphType>("fromUserId").Description("The liker, for a like received.").Resolve(c => c.Source.FromUserId);
        Field<UserGraphType>("from").Description("The liker, for a like received.").ResolveAsync(async c =>
            c.Source.FromUserId is { } liker ? await c.RequestServices!.GetRequiredService<UserLookup>().Get(liker, c.CancellationToken) : null);
        Field<IdGraphType>("postId").Resolve(c => c.Source.PostId);
        Field<IdGraphType>("targetId").Description("The liked post or comment.").Resolve(c => c.Source.TargetId);
        Field<IdGraphType>("courseId").Resolve(c => c.Source.CourseId);
        Field<IdGraphType>("lessonId").Resolve(c => c.Source.LessonId);
        Field<IdGraphType>("eventId").Description("The calendar event, for an occurrence attended.").Resolve(c => c.Source.EventId);
        Field(e => e.WithdrawnAt, nullable: true);
        Field(e => e.WithdrawnReason, nullable: true);
    }
}
