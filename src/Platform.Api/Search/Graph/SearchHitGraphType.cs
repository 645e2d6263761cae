using GraphQL.Types;
using Platform.Projections.Search;

namespace Platform.Api.Search.Graph;

public sealed class SearchHitGraphType : ObjectGraphType<SearchHit>
{
    public SearchHitGraphType()
    {
        Name = "SearchResult";
        Field<NonNullGraphType<EnumerationGraphType<SearchKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The community, course, lesson, post, comment, user or help article found.").Resolve(c => c.Source.Id);
        Field(h => h.Title).Description("Empty for a comment.");
        Field(h => h.Snippet).Description("HTML-escaped text around the matches, each match in <mark>.");
        Field<IdGraphType>("communityId").Resolve(c => c.Source.CommunityId);
        Field<IdGraphType>("courseId").Resolve(c => c.Source.CourseId);
        Field<IdGraphType>("postId").Resolve(c => c.Source.PostId);
        Field(h => h.Rank).Description("Higher is a better match.");
    }
}
