using Platform.Api.Infrastructure;
using Platform.Contracts.Help;

namespace Platform.Api.Help;

/// <summary>The write model of a help article: its latest version and whether readers see it.</summary>
/// <remarks><c>LatestVersion</c> counts versions of the text; a member named <c>Version</c> would be taken for the stream's version.</remarks>
public sealed record HelpArticle(Guid Id, int LatestVersion, bool Published, int? PublishedVersion)
{
    public static HelpArticle Create(HelpArticleWritten e) => new(e.ArticleId, e.Version, false, null);

    public HelpArticle Apply(HelpArticleWritten e) => this with { LatestVersion = e.Version };

    public HelpArticle Apply(HelpArticlePublished e) => this with { Published = true, PublishedVersion = e.Version };

    public HelpArticle Apply(HelpArticleUnpublished e) => this with { Published = false };
}

/// <summary>The write model of one reader's "was this helpful" answer on one article.</summary>
public sealed record HelpVote(bool Helpful)
{
    public static HelpVote Create(HelpArticleRated e) => new(e.Helpful);

    public HelpVote Apply(HelpArticleRated e) => this with { Helpful = e.Helpful };
}

public static class HelpArticles
{
    public const int MaxTitle = 200;
    public const int MaxCollection = 80;
    public const int MaxBody = 100_000;

    /// <summary>Each write is a new version (markdown); a published article keeps showing its published version until published again.</summary>
    public static HelpArticleWritten Write(HelpArticle? current, Guid articleId, string collection, string title, string body, Guid by, DateTimeOffset now)
    {
        (collection, title) = (collection.Trim(), title.Trim());
        if (collection.Length is 0 or > MaxCollection) throw DomainException.Invalid($"A collection's name has 1 to {MaxCollection} characters.");
        if (title.Length is 0 or > MaxTitle) throw DomainException.Invalid($"A title has 1 to {MaxTitle} characters.");
        if (body.Length > MaxBody) throw DomainException.Invalid($"An article has at most {MaxBody} characters.");
        return new HelpArticleWritten(articleId, collection, title, body, (current?.LatestVersion ?? 0) + 1, by, now);
    }

    /// <summary>Publishing the version already published, or unpublishing a draft, changes nothing.</summary>
    public static object[] Publish(HelpArticle? article, bool publish, Guid by, DateTimeOffset now)
    {
        if (article is null) throw DomainException.NotFound("The article");
        if (publish) return article.Published && article.PublishedVersion == article.LatestVersion ? [] : [new HelpArticlePublished(article.Id, article.LatestVersion, by, now)];
        return article.Published ? [new HelpArticleUnpublished(article.Id, by, now)] : [];
    }

    /// <summary>Only published articles are rated; the same answer again changes nothing.</summary>
    public static object[] Rate(HelpArticle? article, HelpVote? current, Guid userId, bool helpful, DateTimeOffset now)
    {
        if (article is not { Published: true }) throw DomainException.NotFound("The article");
        return current?.Helpful == helpful ? []
            : [new HelpArticleRated(Contracts.DeterministicId.HelpVote(article.Id, userId), article.Id, helpful, current?.Helpful, userId, now)];
    }
}
