using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Identity.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed class FeedItemGraphType : ObjectGraphType<FeedActivity>
{
    public FeedItemGraphType()
    {
        Name = "FeedItem";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The activity's stable id, such as post:{id} or reaction:{id}.").Resolve(c => c.Source.ForeignId);
        Field<NonNullGraphType<StringGraphType>>("verb").Description("post, comment, reply, react, mention, lesson, purchase, payout, level (a level reached), unlock (a LEVEL course opened), ticket_reply, moderation (a moderator's decision on the caller's content: the object is the case) or report_resolved (the caller's report was decided).").Resolve(c => c.Source.Verb);
        Field<NonNullGraphType<IdGraphType>>("actorId").Resolve(c => c.Source.ActorId);
        Field<UserGraphType>("actor").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.ActorId, c.CancellationToken));
        Field<NonNullGraphType<IdGraphType>>("objectId").Description("The post, comment or lesson the activity is about.").Resolve(c => c.Source.ObjectId);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("time").Resolve(c => c.Source.Time);
        Field<PostGraphType>("post").Description("The post the activity is about or in, unless it was deleted.").ResolveAsync(async c =>
            c.Source.PostId is { } postId
            && await c.RequestServices!.GetRequiredService<DocumentLookup<PostView>>().Get(postId, c.CancellationToken) is { IsDeleted: false } post ? post : null);
    }
}
