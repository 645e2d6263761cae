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

/// <summary>The target is a post or a comment.</summary>
public sealed record React(Guid TargetId, ReactionKind Kind, Guid UserId);

public static class ReactField
{
    public static void AddReact(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PostGraphType>>("react")
            .Description("Answers with the post holding the target, its counts current.")
            .Argument<NonNullGraphType<IdGraphType>>("targetId")
            .Argument<NonNullGraphType<EnumerationGraphType<ReactionKind>>>("kind")
            .AllowOwn(SocialAccess.OnPost("targetId", write: true), SignedIn)
            .ResolveAsync(async c =>
            {
                var targetId = c.IdArgument("targetId");
                await c.Commands().InvokeAsync(new React(targetId, c.GetArgument<ReactionKind>("kind"), c.UserId()), c.CancellationToken);
                return await SocialReads.PostHolding(c.Reads(), targetId, c.CancellationToken);
            });
}

public static class ReactHandler
{
    public static async Task Handle(React command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var post = await ReactionTarget.PostOf(session, command.TargetId, command.UserId, cancellation);
        var stream = await session.Events.FetchForWriting<ReactionView>(DeterministicId.Reaction(command.TargetId, command.UserId, command.Kind.ToString()), cancellation);
        stream.AppendMany(Reaction.React(post, stream.Aggregate, command, clock.GetUtcNow()));
    }
}

public static class ReactionTarget
{
    /// <summary>The live post holding the target, once the caller is known to take part in its community.</summary>
    public static async Task<PostView> PostOf(IQuerySession session, Guid targetId, Guid userId, CancellationToken cancellation)
    {
        var post = await SocialReads.PostHolding(session, targetId, cancellation);
        if (post is null or { IsDeleted: true }) throw DomainException.NotFound("The post or comment");
        await CommunitiesAccess.RequireParticipant(session, post.CommunityId, userId, cancellation);
        return post;
    }
}
