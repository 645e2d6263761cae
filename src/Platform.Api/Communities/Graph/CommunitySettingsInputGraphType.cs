using GraphQL.Types;
using Platform.Contracts.Communities;

namespace Platform.Api.Communities.Graph;

/// <summary>Only the fields given change.</summary>
public sealed record CommunitySettingsInput(string? Name, string? Description, CommunityVisibility? Visibility, JoinPolicy? JoinPolicy,
    ErasedMemberContent? ErasedMemberContent = null, string? CoverFileId = null);

public sealed class CommunitySettingsInputGraphType : InputObjectGraphType<CommunitySettingsInput>
{
    public CommunitySettingsInputGraphType()
    {
        Name = "CommunitySettingsInput";
        Description = "Only the fields given change.";
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<EnumerationGraphType<CommunityVisibility>>("visibility");
        Field<EnumerationGraphType<JoinPolicy>>("joinPolicy");
        Field<IdGraphType>("coverFileId").Description("A completed COMMUNITY_COVER upload; it replaces the current cover.");
        Field<EnumerationGraphType<ErasedMemberContent>>("erasedMemberContent")
            .Description("What becomes of a member's posts and comments here once their account is erased: shown as from \"a deleted member\" (the default) or removed.");
    }
}
