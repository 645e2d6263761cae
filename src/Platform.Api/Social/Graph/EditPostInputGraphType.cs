using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

/// <summary>Only the fields given change.</summary>
public sealed record EditPostInput(string? Title, string? Body, string? Category);

public sealed class EditPostInputGraphType : InputObjectGraphType<EditPostInput>
{
    public EditPostInputGraphType()
    {
        Name = "EditPostInput";
        Description = "Only the fields given change.";
        Field<StringGraphType>("title");
        Field<StringGraphType>("body");
        Field<StringGraphType>("category");
    }
}
