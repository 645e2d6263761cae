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

/// <summary>By the author, or by the community's creator or a moderator.</summary>
public sealed record DeletePost(Guid PostId, string? Reason, Guid DeletedBy);

public static class DeletePostField
{
    public static void AddDeletePost(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PostGraphType>>("deletePost")
            .Description("Soft-deletes a post: the author, or the community's creator or a moderator (who must give a reason).")
            .Argument<NonNullGraphType<IdGraphType>>("postId")
            .Argument<StringGraphType>("reason")
            .AllowOwn(SocialAccess.PostAuthor(orStaff: true), SignedIn)
            .ResolveAsync(async c =>
            {
                var postId = c.IdArgument("postId");
                await c.Commands().InvokeAsync(new DeletePost(postId, c.GetArgument<string?>("reason"), c.UserId()), c.CancellationToken);
                return await SocialReads.PostAfter(c, postId);
            });
}

public static class DeletePostHandler
{
    public static async Task Handle(DeletePost command, IDocumentSession session, Wolverine.IMessageContext messages, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<PostView>(command.PostId, cancellation);
        var staff = stream.Aggregate is { } post
            && CommunitiesAccess.IsStaff(await session.LoadAsync<Platform.Projections.Identity.UserAccount>(command.DeletedBy, cancellation), post.CommunityId);
        var deleted = Post.Delete(stream.Aggregate, command, staff, clock.GetUtcNow());
        stream.AppendMany(deleted);
        if (deleted.Length == 0) return;
        await session.DeleteFilesOf(messages, Contracts.Files.FileOwnerKind.Post, [command.PostId], "The post was deleted.", clock.GetUtcNow(), cancellation);
        await session.DeleteFilesOf(messages, Contracts.Files.FileOwnerKind.Comment, stream.Aggregate!.CommentIds, "The post was deleted.", clock.GetUtcNow(), cancellation);
    }
}
