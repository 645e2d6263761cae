using Platform.Contracts;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>One reaction of a kind per person per target: the reaction's stream id is made of those three, so a double click or a race lands on one stream.</summary>
public static class Reaction
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
