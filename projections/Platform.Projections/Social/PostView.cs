using Marten.Events.Aggregation;
using Platform.Contracts.Social;

namespace Platform.Projections.Social;

public sealed class PostRevision
{
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Category { get; set; } = "";
    public Guid EditedBy { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class CommentView
{
    public Guid Id { get; set; }
    public Guid? ParentId { get; set; }
    public Guid AuthorId { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// A post with its comments (POST, COMM, CMPS), and the write model its commands decide on. <c>Revisions</c> keeps every
/// earlier version of the text, oldest first; a deleted post keeps its content here but readers are refused it.
/// </summary>
public sealed class PostView
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public Guid? CourseId { get; set; }
    public Guid AuthorId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Category { get; set; } = "";
    public List<Guid> Mentioned { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public List<PostRevision> Revisions { get; set; } = [];
    public DateTimeOffset? DeletedAt { get; set; }
    public Guid? DeletedBy { get; set; }
    public string? DeleteReason { get; set; }
    public List<CommentView> Comments { get; set; } = [];
    /// <summary>The comments' ids: how a reaction to a comment finds its post.</summary>
    public List<Guid> CommentIds { get; set; } = [];

    public bool IsDeleted => DeletedAt is not null;
}

/// <summary>Inline: the author's next command (a comment on the post just made) and the mutation's answer find it at once.</summary>
public sealed partial class PostViewProjection : SingleStreamProjection<PostView, Guid>
{
    public static PostView Create(PostCreated e) => new()
    {
        Id = e.PostId, CommunityId = e.CommunityId, CourseId = e.CourseId, AuthorId = e.AuthorId, Title = e.Title, Body = e.Body,
        Category = e.Category, Mentioned = [.. e.Mentioned], CreatedAt = e.CreatedAt,
    };

    public static void Apply(PostEdited e, PostView post)
    {
        post.Revisions.Add(new PostRevision { Title = post.Title, Body = post.Body, Category = post.Category, EditedBy = e.EditedBy, At = e.EditedAt });
        post.Title = e.Title;
        post.Body = e.Body;
        post.Category = e.Category;
        post.Mentioned.AddRange(e.NewlyMentioned);
        post.EditedAt = e.EditedAt;
    }

    public static void Apply(PostDeleted e, PostView post)
    {
        post.DeletedAt = e.DeletedAt;
        post.DeletedBy = e.DeletedBy;
        post.DeleteReason = e.Reason;
    }

    public static void Apply(CommentAdded e, PostView post)
    {
        post.Comments.Add(new CommentView { Id = e.CommentId, ParentId = e.ParentCommentId, AuthorId = e.AuthorId, Body = e.Body, AddedAt = e.AddedAt });
        post.CommentIds.Add(e.CommentId);
    }

    /// <summary>The comment and its replies leave the post; its id stays in <c>CommentIds</c>, so the same comment is not added again.</summary>
    public static void Apply(CommentRemoved e, PostView post) => post.Comments.RemoveAll(c => c.Id == e.CommentId || c.ParentId == e.CommentId);
}

/// <summary>One person's reaction of one kind to a post or comment; <c>Active</c> is false once taken back.</summary>
public sealed class ReactionView
{
    public Guid Id { get; set; }
    public Guid TargetId { get; set; }
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public ReactionKind Kind { get; set; }
    public bool Active { get; set; }
}

/// <summary>Inline: counts and "you reacted" are right in the answer to <c>react</c>.</summary>
public sealed partial class ReactionViewProjection : SingleStreamProjection<ReactionView, Guid>
{
    public static ReactionView Create(Reacted e) => new()
    {
        Id = e.ReactionId, TargetId = e.TargetId, PostId = e.PostId, UserId = e.UserId, Kind = e.Kind, Active = true,
    };

    public static void Apply(Reacted e, ReactionView reaction) => reaction.Active = true;

    public static void Apply(Unreacted e, ReactionView reaction) => reaction.Active = false;
}
