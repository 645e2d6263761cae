using GraphQL.Types;
using Platform.Projections.Help;

namespace Platform.Api.Help.Graph;

public sealed class HelpArticleDraftGraphType : ObjectGraphType<HelpArticleView>
{
    public HelpArticleDraftGraphType()
    {
        Name = "HelpArticleDraft";
        Field(a => a.Title);
        Field(a => a.Body);
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.LatestVersion);
    }
}
