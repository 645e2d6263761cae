using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

/// <summary>Null fields keep their current value.</summary>
public sealed record EditPost(Guid PostId, string? Title, string? Body, string? Category, Guid EditedBy);

public static class EditPostField
{
    public static void AddEditPost(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PostGraphType>>("editPost")
            .Argument<NonNullGraphType<IdGraphType>>("postId")
            .Argument<NonNullGraphType<EditPostInputGraphType>>("input")
            .AllowOwn(SocialAccess.PostAuthor(orStaff: false), SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<EditPostInput>("input");
                var postId = c.IdArgument("postId");
                await c.Commands().InvokeAsync(new EditPost(postId, input.Title, input.Body, input.Category, c.UserId()), c.CancellationToken);
                return await SocialReads.PostAfter(c, postId);
            });
}

public static class EditPostHandler
{
    public static async Task Handle(EditPost command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<PostView>(command.PostId, cancellation);
        var post = stream.Aggregate ?? throw DomainException.NotFound("The post");
        var mentioned = await SocialReads.Mentioned(session, $"{command.Title ?? post.Title} {command.Body ?? post.Body}", cancellation);
        stream.AppendMany(Post.Edit(post, command, mentioned, clock.GetUtcNow()));
    }
}
