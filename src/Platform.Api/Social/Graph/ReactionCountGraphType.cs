using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed record ReactionCount(ReactionKind Kind, int Count, bool ViewerReacted);

public sealed class ReactionCountGraphType : ObjectGraphType<ReactionCount>
{
    public ReactionCountGraphType()
    {
        Name = "ReactionCount";
        Field<NonNullGraphType<EnumerationGraphType<ReactionKind>>>("kind").Resolve(c => c.Source.Kind);
        Field(r => r.Count);
        Field(r => r.ViewerReacted).Description("Whether the caller reacted so.");
    }
}
