using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Identity.Graph;

/// <summary>Only the fields given change.</summary>
public sealed record UpdateProfileInput(string? Handle, string? DisplayName, string? Bio, string? AvatarFileId = null);

public sealed class UpdateProfileInputGraphType : InputObjectGraphType<UpdateProfileInput>
{
    public UpdateProfileInputGraphType()
    {
        Name = "UpdateProfileInput";
        Field<StringGraphType>("handle");
        Field<StringGraphType>("displayName");
        Field<StringGraphType>("bio");
        Field<IdGraphType>("avatarFileId").Description("A completed AVATAR upload (requestFileUpload, completeFileUpload); it replaces the current avatar.");
    }
}
