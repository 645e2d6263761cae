using Marten.Events.Projections;
using Platform.Contracts.Communities;
using Platform.Contracts.Courses;
using Platform.Contracts.Help;
using Platform.Contracts.Identity;
using Platform.Contracts.Moderation;
using Platform.Contracts.Privacy;
using Platform.Contracts.Social;

namespace Platform.Projections.Search;

/// <summary>What search finds.</summary>
public enum SearchKind { Community, Course, Lesson, Post, Comment, Member, HelpArticle }

/// <summary>
/// One searchable thing (SRCH): its words, and what decides who may see it. Who the caller is, is decided at query time
/// (the private communities they are outside, the communities they create), so no entry changes when a membership does.
/// A lesson's body is never indexed: it is paid content, and a snippet would give it away.
/// </summary>
public sealed class SearchEntry
{
    public string Id { get; set; } = "";
    public SearchKind Kind { get; set; }
    public Guid TargetId { get; set; }
    public Guid? CommunityId { get; set; }
    public Guid? CourseId { get; set; }
    public Guid? PostId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Courses and help articles: published. Everything else is published when it exists.</summary>
    public bool Published { get; set; } = true;
    public bool Deleted { get; set; }
    /// <summary>Hidden by moderation: found only by the community's staff and admins.</summary>
    public bool Hidden { get; set; }
    /// <summary>Whose content or profile it is (posts, comments, members): found only by staff and admins while that user is suspended.</summary>
    public Guid? AuthorId { get; set; }
    /// <summary>
    /// Help articles: the latest version written. It is what the entry holds until the article is published; once published the entry
    /// holds the published version, so a draft written after it is found by no one until it is published in turn.
    /// </summary>
    public string? DraftTitle { get; set; }
    public string? DraftBody { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string Key(SearchKind kind, Guid id) => $"{kind.ToString().ToLowerInvariant()}:{id}";
}

/// <summary>Async, from the events like every read model: a rebuild gives the same index.</summary>
public sealed partial class SearchEntryProjection : MultiStreamProjection<SearchEntry, string>
{
    public SearchEntryProjection()
    {
        Identity<CommunityCreated>(e => SearchEntry.Key(SearchKind.Community, e.CommunityId));
        Identity<CommunitySettingsChanged>(e => SearchEntry.Key(SearchKind.Community, e.CommunityId));
        Identity<CourseCreated>(e => SearchEntry.Key(SearchKind.Course, e.CourseId));
        Identity<CoursePublished>(e => SearchEntry.Key(SearchKind.Course, e.CourseId));
        Identity<CourseUnpublished>(e => SearchEntry.Key(SearchKind.Course, e.CourseId));
        Identity<LessonAdded>(e => SearchEntry.Key(SearchKind.Lesson, e.LessonId));
        Identity<PostCreated>(e => SearchEntry.Key(SearchKind.Post, e.PostId));
        Identity<PostEdited>(e => SearchEntry.Key(SearchKind.Post, e.PostId));
        Identity<PostDeleted>(e => SearchEntry.Key(SearchKind.Post, e.PostId));
        Identity<CommentAdded>(e => SearchEntry.Key(SearchKind.Comment, e.CommentId));
        Identity<CommentRemoved>(e => SearchEntry.Key(SearchKind.Comment, e.CommentId));
        Identities<ContentHidden>(e => Moderated(e.Kind, e.TargetId));
        Identities<ContentRestored>(e => Moderated(e.Kind, e.TargetId));
        Identity<UserRegistered>(e => SearchEntry.Key(SearchKind.Member, e.UserId));
        Identity<ProfileUpdated>(e => SearchEntry.Key(SearchKind.Member, e.UserId));
        Identity<AccountErased>(e => SearchEntry.Key(SearchKind.Member, e.UserId));
        Identity<HelpArticleWritten>(e => SearchEntry.Key(SearchKind.HelpArticle, e.ArticleId));
        Identity<HelpArticlePublished>(e => SearchEntry.Key(SearchKind.HelpArticle, e.ArticleId));
        Identity<HelpArticleUnpublished>(e => SearchEntry.Key(SearchKind.HelpArticle, e.ArticleId));
    }

    public static SearchEntry Create(CommunityCreated e) => new()
    {
        Id = SearchEntry.Key(SearchKind.Community, e.CommunityId), Kind = SearchKind.Community, TargetId = e.CommunityId, CommunityId = e.CommunityId,
        Title = e.Name, Body = e.Description, UpdatedAt = e.CreatedAt,
    };

    public static void Apply(CommunitySettingsChanged e, SearchEntry entry)
    {
        entry.Title = e.Name ?? entry.Title;
        entry.Body = e.Description ?? entry.Body;
        entry.UpdatedAt = e.ChangedAt;
    }

    public static SearchEntry Create(CourseCreated e) => new()
    {
        Id = SearchEntry.Key(SearchKind.Course, e.CourseId), Kind = SearchKind.Course, TargetId = e.CourseId, CommunityId = e.CommunityId,
        CourseId = e.CourseId, Title = e.Title, Body = e.Description, Published = false, UpdatedAt = e.CreatedAt,
    };

    public static void Apply(CoursePublished e, SearchEntry entry) => (entry.Published, entry.UpdatedAt) = (true, e.PublishedAt);

    public static void Apply(CourseUnpublished e, SearchEntry entry) => (entry.Published, entry.UpdatedAt) = (false, e.UnpublishedAt);

    public static SearchEntry Create(LessonAdded e) => new()
    {
        Id = SearchEntry.Key(SearchKind.Lesson, e.LessonId), Kind = SearchKind.Lesson, TargetId = e.LessonId, CourseId = e.CourseId,
        Title = e.Title, UpdatedAt = e.AddedAt,
    };

    public static SearchEntry Create(PostCreated e) => new()
    {
        Id = SearchEntry.Key(SearchKind.Post, e.PostId), Kind = SearchKind.Post, TargetId = e.PostId, CommunityId = e.CommunityId,
        CourseId = e.CourseId, PostId = e.PostId, Title = e.Title, Body = e.Body, AuthorId = e.AuthorId, UpdatedAt = e.CreatedAt,
    };

    public static void Apply(PostEdited e, SearchEntry entry) => (entry.Title, entry.Body, entry.UpdatedAt) = (e.Title, e.Body, e.EditedAt);

    public static void Apply(PostDeleted e, SearchEntry entry) => (entry.Deleted, entry.UpdatedAt) = (true, e.DeletedAt);

    public static void Apply(CommentRemoved e, SearchEntry entry) => (entry.Deleted, entry.UpdatedAt) = (true, e.RemovedAt);

    /// <summary>The entry of a hidden post or comment; chat messages are not searched, so hiding one touches no entry.</summary>
    private static IReadOnlyList<string> Moderated(ModerationTargetKind kind, Guid targetId) => kind switch
    {
        ModerationTargetKind.Post => [SearchEntry.Key(SearchKind.Post, targetId)],
        ModerationTargetKind.Comment => [SearchEntry.Key(SearchKind.Comment, targetId)],
        _ => [],
    };

    public static void Apply(ContentHidden e, SearchEntry entry) => (entry.Hidden, entry.UpdatedAt) = (true, e.HiddenAt);

    public static void Apply(ContentRestored e, SearchEntry entry) => (entry.Hidden, entry.UpdatedAt) = (false, e.RestoredAt);

    public static SearchEntry Create(CommentAdded e) => new()
    {
        Id = SearchEntry.Key(SearchKind.Comment, e.CommentId), Kind = SearchKind.Comment, TargetId = e.CommentId, CommunityId = e.CommunityId,
        PostId = e.PostId, Body = e.Body, AuthorId = e.AuthorId, UpdatedAt = e.AddedAt,
    };

    public static SearchEntry Create(UserRegistered e) => new()
    {
        Id = SearchEntry.Key(SearchKind.Member, e.UserId), Kind = SearchKind.Member, TargetId = e.UserId, Title = $"{e.DisplayName} {e.Handle}",
        AuthorId = e.UserId, UpdatedAt = e.RegisteredAt,
    };

    public static void Apply(ProfileUpdated e, SearchEntry entry) => (entry.Title, entry.Body, entry.UpdatedAt) = ($"{e.DisplayName} {e.Handle}", e.Bio, e.UpdatedAt);

    /// <summary>An erased member is not found by anything they were called.</summary>
    public static void Apply(AccountErased e, SearchEntry entry) =>
        (entry.Title, entry.Body, entry.Deleted, entry.UpdatedAt) = (ErasedAccount.DeletedMember, "", true, e.ErasedAt);

    /// <summary>A help article belongs to no community; unpublished (a draft, or taken back), only admins find it.</summary>
    public static SearchEntry Create(HelpArticleWritten e) => Apply(e, new SearchEntry
    {
        Id = SearchEntry.Key(SearchKind.HelpArticle, e.ArticleId), Kind = SearchKind.HelpArticle, TargetId = e.ArticleId, Published = false,
    });

    public static SearchEntry Apply(HelpArticleWritten e, SearchEntry entry)
    {
        (entry.DraftTitle, entry.DraftBody, entry.UpdatedAt) = (e.Title, e.Body, e.WrittenAt);
        if (!entry.Published) (entry.Title, entry.Body) = (e.Title, e.Body);
        return entry;
    }

    /// <summary>Publishing always publishes the latest version (<c>HelpArticles.Publish</c>), which is the draft.</summary>
    public static void Apply(HelpArticlePublished e, SearchEntry entry) =>
        (entry.Title, entry.Body, entry.Published, entry.UpdatedAt) = (entry.DraftTitle ?? "", entry.DraftBody ?? "", true, e.PublishedAt);

    public static void Apply(HelpArticleUnpublished e, SearchEntry entry) =>
        (entry.Title, entry.Body, entry.Published, entry.UpdatedAt) = (entry.DraftTitle ?? "", entry.DraftBody ?? "", false, e.UnpublishedAt);
}
