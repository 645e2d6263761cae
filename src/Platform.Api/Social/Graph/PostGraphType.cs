using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Identity.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed class PostGraphType : ObjectGraphType<PostView>
{
    public PostGraphType()
    {
        Name = "Post";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field<IdGraphType>("courseId").Resolve(c => c.Source.CourseId);
        Field(p => p.Title);
        Field(p => p.Body).Description("Markdown.");
        Field(p => p.Category);
        Field(p => p.CreatedAt);
        Field(p => p.EditedAt, nullable: true);
        Field(p => p.DeletedAt, nullable: true).Description("Set only in the answer to deletePost: readers never see a deleted post.");
        Field<UserGraphType>("author").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.AuthorId, c.CancellationToken));
        Engagement.Graph.MemberLevelGraphType.AddTo(this, "authorLevel", p => (p.CommunityId, p.AuthorId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PostRevisionGraphType>>>>("revisions")
            .Description("Earlier versions of the text, oldest first.").Resolve(c => c.Source.Revisions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("comments")
            .Description("Top-level comments, oldest first, each with its replies.")
            .ResolveAsync(async c =>
            {
                await c.RequestServices!.GetRequiredService<UserLookup>().Prime(c.Source.Comments.Select(x => x.AuthorId), c.CancellationToken);
                var hidden = await Moderation.ModerationReads.HiddenFrom(c, c.Source.CommunityId, c.Source.Comments.Select(x => (x.Id, x.AuthorId)));
                return c.Source.Comments.Where(x => x.ParentId is null && !hidden.Contains(x.Id)).Select(x => (c.Source, x));
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Files.Graph.FileGraphType>>>>("images").Description("The post's images, in the order attached.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<Files.PostImageLookup>().Get(c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("commentCount").ResolveAsync(async c =>
            c.Source.Comments.Count - (await Moderation.ModerationReads.HiddenFrom(c, c.Source.CommunityId, c.Source.Comments.Select(x => (x.Id, x.AuthorId)))).Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionCountGraphType>>>>("reactions").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<ReactionLookup>().For(c.Source.Id, c.Source.Id, c.CancellationToken));
    }
}
