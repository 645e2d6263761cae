using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Files;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

public sealed record AddComment(Guid PostId, Guid CommentId, Guid? ParentCommentId, string Body, Guid AuthorId, IReadOnlyList<Guid>? ImageFileIds = null);

public static class AddCommentField
{
    public static void AddAddComment(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CommentGraphType>>("addComment")
            .Argument<NonNullGraphType<IdGraphType>>("postId")
            .Argument<NonNullGraphType<AddCommentInputGraphType>>("input")
            .AllowOwn(SocialAccess.OnPost("postId", write: true), SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AddCommentInput>("input");
                var command = new AddComment(c.IdArgument("postId"), Guid.CreateVersion7(), SocialReads.OptionalId(input.ParentCommentId), input.Body, c.UserId(),
                    FileAttachments.Ids(input.ImageFileIds));
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                var post = await SocialReads.PostAfter(c, command.PostId);
                return (post, post.Comments.Single(x => x.Id == command.CommentId));
            });
}

public static class AddCommentHandler
{
    public static async Task Handle(AddComment command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<PostView>(command.PostId, cancellation);
        if (stream.Aggregate is { } post) await CommunitiesAccess.RequireParticipant(session, post.CommunityId, command.AuthorId, cancellation);
        var mentioned = await SocialReads.Mentioned(session, command.Body, cancellation);
        stream.AppendMany(Post.Comment(stream.Aggregate, command, mentioned, clock.GetUtcNow()));
        await session.AttachFiles(command.ImageFileIds, Contracts.Files.FilePurpose.PostImage, Contracts.Files.FileOwnerKind.Comment, command.CommentId,
            stream.Aggregate?.CommunityId, command.AuthorId, clock.GetUtcNow(), cancellation);
    }
}
