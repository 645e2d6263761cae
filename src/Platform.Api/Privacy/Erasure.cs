using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Contracts.Privacy;
using Platform.Contracts.Social;
using Platform.Projections.Identity;
using Platform.Projections.Social;

namespace Platform.Api.Privacy;

/// <summary>The erasure's pure rules, on the user stream's <see cref="UserAccount"/>, <c>now</c> passed in.</summary>
public static class Erasure
{
    /// <summary>
    /// The confirmation is the account's current handle, typed by whoever erases it, so a stray call cannot erase anyone.
    /// An admin is not erased while they hold ADMIN (revoking it first keeps the last-admin guard in one place).
    /// Erasing an erased account again changes nothing.
    /// </summary>
    public static object[] Erase(EraseAccount command, UserAccount user, DateTimeOffset now)
    {
        if (user.ErasedAt is not null) return [];
        if (!string.Equals(command.Confirmation?.Trim(), user.Handle, StringComparison.OrdinalIgnoreCase))
            throw DomainException.Invalid("Type the account's handle to confirm the erasure.");
        if (user.Holds(Role.Admin)) throw DomainException.Conflict("An admin is not erased: revoke ADMIN first.");
        return [new AccountErased(user.Id, command.ErasedBy, command.ByAdmin, now)];
    }

    public const string RemovedReason = "The author's account was erased";

    /// <summary>
    /// In the communities whose setting removes an erased member's content (<paramref name="removing"/>): each post of theirs is
    /// deleted and each comment of theirs removed, as events on the post's stream. Elsewhere their words stay, from "a deleted member".
    /// </summary>
    public static IEnumerable<(Guid PostId, object Event)> RemoveContent(IEnumerable<PostView> posts, IReadOnlySet<Guid> removing, Guid userId,
        Guid erasedBy, DateTimeOffset now)
    {
        foreach (var post in posts.Where(p => removing.Contains(p.CommunityId)))
        {
            foreach (var comment in post.Comments.Where(c => c.AuthorId == userId))
                yield return (post.Id, new CommentRemoved(post.Id, comment.Id, post.CommunityId, post.AuthorId,
                    post.Comments.FirstOrDefault(c => c.Id == comment.ParentId)?.AuthorId, userId, RemovedReason, erasedBy, now));
            if (post.AuthorId == userId && !post.IsDeleted)
                yield return (post.Id, new PostDeleted(post.Id, post.CommunityId, post.CourseId, userId, RemovedReason, erasedBy, now));
        }
    }
}
