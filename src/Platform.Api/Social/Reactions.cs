using Marten;
using Platform.Api.Communities;
using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>The target is a post or a comment.</summary>
public sealed record React(Guid TargetId, ReactionKind Kind, Guid UserId);

public sealed record Unreact(Guid TargetId, ReactionKind Kind, Guid UserId);

/// <summary>One reaction of a kind per person per target: the reaction's stream id is made of those three, so a double click or a race lands on one stream.</summary>
public static class Reactions
{
    /// <summary>Reacting again changes nothing.</summary>
    public static object[] React(PostView post, ReactionView? current, React command, DateTimeOffset now) =>
        current is { Active: true } ? []
        : [new Reacted(DeterministicId.Reaction(command.TargetId, command.UserId, command.Kind.ToString()), command.TargetId, post.Id, post.CommunityId,
            AuthorOf(post, command.TargetId), command.Kind, command.UserId, now)];

    /// <summary>Taking back what is not there changes nothing.</summary>
    public static object[] Unreact(PostView post, ReactionView? current, Unreact command, DateTimeOffset now) =>
        current is not { Active: true } ? []
        : [new Unreacted(current.Id, command.TargetId, post.Id, post.CommunityId, command.Kind, command.UserId, now)];

    private static Guid AuthorOf(PostView post, Guid targetId) =>
        targetId == post.Id ? post.AuthorId : post.Comments.Single(c => c.Id == targetId).AuthorId;
}

public static class ReactionsHandler
{
    public static async Task Handle(React command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var post = await PostOf(session, command.TargetId, command.UserId, cancellation);
        var stream = await session.Events.FetchForWriting<ReactionView>(DeterministicId.Reaction(command.TargetId, command.UserId, command.Kind.ToString()), cancellation);
        stream.AppendMany(Reactions.React(post, stream.Aggregate, command, clock.GetUtcNow()));
    }

    public static async Task Handle(Unreact command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var post = await PostOf(session, command.TargetId, command.UserId, cancellation);
        var stream = await session.Events.FetchForWriting<ReactionView>(DeterministicId.Reaction(command.TargetId, command.UserId, command.Kind.ToString()), cancellation);
        stream.AppendMany(Reactions.Unreact(post, stream.Aggregate, command, clock.GetUtcNow()));
    }

    /// <summary>The live post holding the target, once the caller is known to take part in its community.</summary>
    private static async Task<PostView> PostOf(IQuerySession session, Guid targetId, Guid userId, CancellationToken cancellation)
    {
        var post = await SocialReads.PostHolding(session, targetId, cancellation);
        if (post is null or { IsDeleted: true }) throw DomainException.NotFound("The post or comment");
        await CommunitiesAccess.RequireParticipant(session, post.CommunityId, userId, cancellation);
        return post;
    }
}
