using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed class PostRevisionGraphType : ObjectGraphType<PostRevision>
{
    public PostRevisionGraphType()
    {
        Name = "PostRevision";
        Description = "An earlier version of a post's text.";
        Field(r => r.Title);
        Field(r => r.Body);
        Field(r => r.Category);
        Field<NonNullGraphType<IdGraphType>>("editedBy").Resolve(c => c.Source.EditedBy);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("replacedAt").Resolve(c => c.Source.At);
    }
}
