using Platform.Api.Help;
using Platform.Api.Infrastructure;
using Platform.Contracts.Help;

namespace Platform.Tests.Help;

public sealed class help_article_rules
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Admin = Guid.NewGuid();

    [Fact]
    public void each_write_is_a_new_version_and_publishing_the_same_version_twice_changes_nothing()
    {
        var id = Guid.NewGuid();
        var first = HelpArticles.Write(null, id, "Payments", "Refunds", "How refunds work", Admin, Now);
        var article = HelpArticle.Create(first);
        var published = Assert.IsType<HelpArticlePublished>(Assert.Single(HelpArticles.Publish(article, true, Admin, Now)));
        article = article.Apply(published);
        Assert.Empty(HelpArticles.Publish(article, true, Admin, Now));

        var second = HelpArticles.Write(article, id, "Payments", "Refunds", "How refunds work now", Admin, Now);
        Assert.Equal(2, second.Version);
        Assert.Equal(2, Assert.IsType<HelpArticlePublished>(Assert.Single(HelpArticles.Publish(article.Apply(second), true, Admin, Now))).Version);
    }

    [Fact]
    public void a_reader_rates_a_published_article_once_and_may_change_their_answer()
    {
        var article = HelpArticle.Create(HelpArticles.Write(null, Guid.NewGuid(), "Account", "Handles", "Body", Admin, Now));
        var reader = Guid.NewGuid();
        Assert.Throws<DomainException>(() => HelpArticles.Rate(article, null, reader, true, Now));

        article = article.Apply(new HelpArticlePublished(article.Id, 1, Admin, Now));
        var rated = Assert.IsType<HelpArticleRated>(Assert.Single(HelpArticles.Rate(article, null, reader, true, Now)));
        Assert.Empty(HelpArticles.Rate(article, HelpVote.Create(rated), reader, true, Now));
        var changed = Assert.IsType<HelpArticleRated>(Assert.Single(HelpArticles.Rate(article, HelpVote.Create(rated), reader, false, Now)));
        Assert.Equal(true, changed.Previous);
    }
}
