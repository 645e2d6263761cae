using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Identity.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed class CommentGraphType : ObjectGraphType<(PostView Post, CommentView Comment)>
{
    public CommentGraphType()
    {
        Name = "Comment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Comment.Id);
        Field<NonNullGraphType<IdGraphType>>("postId").Resolve(c => c.Source.Post.Id);
        Field<IdGraphType>("parentCommentId").Resolve(c => c.Source.Comment.ParentId);
        Field<NonNullGraphType<StringGraphType>>("body").Resolve(c => c.Source.Comment.Body);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("addedAt").Resolve(c => c.Source.Comment.AddedAt);
        Field<UserGraphType>("author").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.Comment.AuthorId, c.CancellationToken));
        Engagement.Graph.MemberLevelGraphType.AddTo(this, "authorLevel", s => (s.Post.CommunityId, s.Comment.AuthorId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommentGraphType>>>>("replies").ResolveAsync(async c =>
        {
            var replies = c.Source.Post.Comments.Where(r => r.ParentId == c.Source.Comment.Id).ToList();
            var hidden = await Moderation.ModerationReads.HiddenFrom(c, c.Source.Post.CommunityId, replies.Select(r => (r.Id, r.AuthorId)));
            return replies.Where(r => !hidden.Contains(r.Id)).Select(r => (c.Source.Post, r));
        });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Files.Graph.FileGraphType>>>>("images").Description("The comment's images, in the order attached.")
            .ResolveAsync(async c => await Files.FileAttachments.FilesOf(c.Reads(), Contracts.Files.FileOwnerKind.Comment, c.Source.Comment.Id, c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionCountGraphType>>>>("reactions").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<ReactionLookup>().For(c.Source.Post.Id, c.Source.Comment.Id, c.CancellationToken));
    }
}
