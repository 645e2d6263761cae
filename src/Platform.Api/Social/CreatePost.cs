using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Communities;
using Platform.Api.Courses;
using Platform.Api.Files;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Api.Social.Graph;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Communities;
using Platform.Projections.Courses;
using Platform.Projections.Social;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Social;

public sealed record CreatePost(Guid PostId, Guid CommunityId, Guid? CourseId, string Title, string Body, string? Category, Guid AuthorId, IReadOnlyList<Guid>? ImageFileIds = null);

public static class CreatePostField
{
    public static void AddCreatePost(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PostGraphType>>("createPost")
            .Argument<NonNullGraphType<CreatePostInputGraphType>>("input")
            .AllowOwn(SocialAccess.PostingMember, SignedIn)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreatePostInput>("input");
                var command = new CreatePost(Guid.CreateVersion7(), SocialReads.OptionalId(input.CommunityId)!.Value, SocialReads.OptionalId(input.CourseId),
                    input.Title, input.Body, input.Category, c.UserId(), FileAttachments.Ids(input.ImageFileIds));
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return await SocialReads.PostAfter(c, command.PostId);
            });
}

public static class CreatePostHandler
{
    /// <summary>The post starts its own stream; a course named must belong to the community.</summary>
    public static async Task Handle(CreatePost command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        // The community, the author's membership and the course named, in one round trip.
        var batch = session.CreateBatchQuery();
        var loadingCommunity = batch.Events.FetchLatest<Community>(command.CommunityId);
        var loadingMembership = batch.Load<MembershipView>(DeterministicId.Membership(command.CommunityId, command.AuthorId));
        var loadingCourse = command.CourseId is { } courseId ? OutlineCache.Load(batch, session, courseId) : Task.FromResult<CourseOutline?>(null);
        await batch.Execute(cancellation);
        if (await loadingCommunity is null) throw DomainException.NotFound("The community");
        if (command.CourseId is not null && (await loadingCourse)?.CommunityId != command.CommunityId)
            throw DomainException.NotFound("The course in this community");
        await CommunitiesAccess.RequireParticipant(session, await loadingMembership, command.CommunityId, command.AuthorId, cancellation);
        var mentioned = await SocialReads.Mentioned(session, $"{command.Title} {command.Body}", cancellation);
        session.Events.StartStream<PostView>(command.PostId, Post.Create(command, mentioned, clock.GetUtcNow()));
        await session.AttachFiles(command.ImageFileIds, Contracts.Files.FilePurpose.PostImage, Contracts.Files.FileOwnerKind.Post, command.PostId,
            command.CommunityId, command.AuthorId, clock.GetUtcNow(), cancellation);
    }
}
