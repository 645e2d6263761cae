using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed record AddCommentInput(string Body, string? ParentCommentId, IReadOnlyList<string>? ImageFileIds = null);

public sealed class AddCommentInputGraphType : InputObjectGraphType<AddCommentInput>
{
    public AddCommentInputGraphType()
    {
        Name = "AddCommentInput";
        Field<NonNullGraphType<StringGraphType>>("body");
        Field<IdGraphType>("parentCommentId").Description("Replies to a top-level comment of the post.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("imageFileIds").Description("Up to 10 completed POST_IMAGE uploads.");
    }
}
