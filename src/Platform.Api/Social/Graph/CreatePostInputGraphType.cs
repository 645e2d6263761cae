using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

/// <summary>Ids stay text here: a malformed one is reported as not found, like every id argument.</summary>
public sealed record CreatePostInput(string CommunityId, string? CourseId, string Title, string Body, string? Category, IReadOnlyList<string>? ImageFileIds = null);

public sealed class CreatePostInputGraphType : InputObjectGraphType<CreatePostInput>
{
    public CreatePostInputGraphType()
    {
        Name = "CreatePostInput";
        Field<NonNullGraphType<IdGraphType>>("communityId");
        Field<IdGraphType>("courseId").Description("Ties the post to a course of the community: it shows in the COURSE feed too.");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<StringGraphType>>("body").Description("Markdown; @handle mentions notify those people.");
        Field<StringGraphType>("category").Description($"Default '{Post.DefaultCategory}'.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("imageFileIds").Description("Up to 10 completed POST_IMAGE uploads.");
    }
}
