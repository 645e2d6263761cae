using Marten.Events.Aggregation;
using Marten.Events.Projections;
using Platform.Contracts.Help;

namespace Platform.Projections.Help;

/// <summary>A help article (HELP): the latest draft for admins, the published version for readers.</summary>
public sealed class HelpArticleView
{
    public Guid Id { get; set; }
    public string Collection { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The latest version of the text (not named Version: Marten would fill that with the stream's version).</summary>
    public int LatestVersion { get; set; }
    public bool Published { get; set; }
    public int? PublishedVersion { get; set; }
    /// <summary>What readers see and search: the text as it was published.</summary>
    public string PublishedTitle { get; set; } = "";
    public string PublishedBody { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Inline: an admin's edit answers with the article as written.</summary>
public sealed partial class HelpArticleViewProjection : SingleStreamProjection<HelpArticleView, Guid>
{
    public static HelpArticleView Create(HelpArticleWritten e) => Apply(e, new HelpArticleView { Id = e.ArticleId });

    public static HelpArticleView Apply(HelpArticleWritten e, HelpArticleView article)
    {
        (article.Collection, article.Title, article.Body, article.LatestVersion, article.UpdatedAt) = (e.Collection, e.Title, e.Body, e.Version, e.WrittenAt);
        return article;
    }

    public static void Apply(HelpArticlePublished e, HelpArticleView article)
    {
        (article.Published, article.PublishedVersion, article.UpdatedAt) = (true, e.Version, e.PublishedAt);
        (article.PublishedTitle, article.PublishedBody) = (article.Title, article.Body);
    }

    public static void Apply(HelpArticleUnpublished e, HelpArticleView article) => (article.Published, article.UpdatedAt) = (false, e.UnpublishedAt);
}

/// <summary>"Was this helpful" counts of one article, from every reader's vote stream.</summary>
public sealed class HelpArticleVotes
{
    public Guid Id { get; set; }
    public int Helpful { get; set; }
    public int NotHelpful { get; set; }
}

/// <summary>Async: the daemon applies votes one at a time, so concurrent votes never overwrite each other's counts.</summary>
public sealed partial class HelpArticleVotesProjection : MultiStreamProjection<HelpArticleVotes, Guid>
{
    public HelpArticleVotesProjection() => Identity<HelpArticleRated>(e => e.ArticleId);

    public static HelpArticleVotes Create(HelpArticleRated e) => Apply(e, new HelpArticleVotes { Id = e.ArticleId });

    public static HelpArticleVotes Apply(HelpArticleRated e, HelpArticleVotes votes)
    {
        if (e.Previous is { } previous)
        {
            if (previous) votes.Helpful--;
            else votes.NotHelpful--;
        }
        if (e.Helpful) votes.Helpful++;
        else votes.NotHelpful++;
        return votes;
    }
}
