using System.Text.RegularExpressions;
using Platform.Api.Infrastructure;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social;

/// <summary>
/// The post stream's pure rules (CMPS, POST): a post and its comments, <c>now</c> passed in. They decide on <see cref="PostView"/>,
/// the inline document readers see: its fields are exactly what the rules read, so no second model is kept.
/// </summary>
public static partial class Post
{
    public const string DefaultCategory = "general";

    [GeneratedRegex(@"(?<![\w@])@([a-z0-9_]{3,30})\b")]
    private static partial Regex Mention();

    /// <summary>The handles a text mentions (<c>@handle</c>), lower-cased, each once.</summary>
    public static IReadOnlyList<string> MentionedHandles(string text) =>
        Mention().Matches(text.ToLowerInvariant()).Select(m => m.Groups[1].Value).Distinct().ToList();

    public static object[] Create(CreatePost command, IReadOnlyList<Guid> mentioned, DateTimeOffset now)
    {
        var (title, body, category) = Checked(command.Title, command.Body, command.Category ?? DefaultCategory);
        return [new PostCreated(command.PostId, command.CommunityId, command.CourseId, title, body, category, mentioned, command.AuthorId, now)];
    }

    public static object[] Edit(PostView post, EditPost command, IReadOnlyList<Guid> mentioned, DateTimeOffset now)
    {
        Existing(post);
        if (post.AuthorId != command.EditedBy) throw new DomainException(ErrorCodes.Forbidden, "Only the author edits a post.");
        var (title, body, category) = Checked(command.Title ?? post.Title, command.Body ?? post.Body, command.Category ?? post.Category);
        if (title == post.Title && body == post.Body && category == post.Category) return [];
        return [new PostEdited(post.Id, post.CommunityId, title, body, category, mentioned.Except(post.Mentioned).ToList(), command.EditedBy, now)];
    }

    /// <summary>Deleting twice changes nothing; someone other than the author must say why.</summary>
    public static object[] Delete(PostView? post, DeletePost command, bool byStaff, DateTimeOffset now)
    {
        if (post is null) throw DomainException.NotFound("The post");
        if (post.IsDeleted) return [];
        var byAuthor = post.AuthorId == command.DeletedBy;
        if (!byAuthor && !byStaff) throw new DomainException(ErrorCodes.Forbidden, "Only the author, the community's creator or a moderator deletes a post.");
        var reason = command.Reason?.Trim() ?? "";
        if (!byAuthor && reason.Length == 0) throw DomainException.Invalid("Say why you delete someone else's post.");
        if (reason.Length > 500) throw DomainException.Invalid("A reason is at most 500 characters.");
        return [new PostDeleted(post.Id, post.CommunityId, post.CourseId, post.AuthorId, reason.Length == 0 ? "Deleted by the author" : reason, command.DeletedBy, now)];
    }

    /// <summary>A comment answers the post or one of its top-level comments: replies are one level deep. Adding the same comment id twice adds it once.</summary>
    public static object[] Comment(PostView? post, AddComment command, IReadOnlyList<Guid> mentioned, DateTimeOffset now)
    {
        Existing(post);
        if (post!.CommentIds.Contains(command.CommentId)) return []; // the same command again
        var body = command.Body.Trim();
        if (body.Length is 0 or > 10_000) throw DomainException.Invalid("A comment is 1 to 10000 characters.");
        Guid? parentAuthor = null;
        if (command.ParentCommentId is { } parentId)
        {
            var parent = post!.Comments.FirstOrDefault(c => c.Id == parentId) ?? throw DomainException.NotFound("The comment replied to");
            if (parent.ParentId is not null) throw DomainException.Invalid("Replies are one level deep: answer the top-level comment.");
            parentAuthor = parent.AuthorId;
        }
        return [new CommentAdded(post!.Id, command.CommentId, command.ParentCommentId, post.CommunityId, body, mentioned, post.AuthorId, parentAuthor,
            command.AuthorId, now)];
    }

    private static void Existing(PostView? post)
    {
        if (post is null or { IsDeleted: true }) throw DomainException.NotFound("The post");
    }

    private static (string Title, string Body, string Category) Checked(string title, string body, string category)
    {
        (title, body, category) = (title.Trim(), body.Trim(), category.Trim().ToLowerInvariant());
        if (title.Length is 0 or > 200) throw DomainException.Invalid("A title is 1 to 200 characters.");
        if (body.Length is 0 or > 20_000) throw DomainException.Invalid("A body is 1 to 20000 characters of markdown.");
        if (category.Length is 0 or > 40) throw DomainException.Invalid("A category is 1 to 40 characters.");
        return (title, body, category);
    }
}
