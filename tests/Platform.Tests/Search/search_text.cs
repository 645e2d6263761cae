using Platform.Api.Search;

namespace Platform.Tests.Search;

public sealed class search_text
{
    [Theory]
    [InlineData("guitar", "guitar:*")]
    [InlineData("Building Guitars", "building & guitars:*")]
    [InlineData("x-bracing's top!", "x & bracing & s & top:*")]
    [InlineData("a) | b & !c <-> d", "a & b & c & d:*")]
    public void every_word_must_match_and_the_last_is_a_prefix_with_no_operator_from_the_text(string text, string expected) =>
        Assert.Equal(expected, SearchQuery.TsQuery(text));

    [Fact]
    public void text_without_a_word_searches_nothing() => Assert.Null(SearchQuery.TsQuery(" !&| "));

    [Fact]
    public void only_the_first_eight_words_count() =>
        Assert.Equal("a & b & c & d & e & f & g & h:*", SearchQuery.TsQuery("a b c d e f g h i j"));
}
