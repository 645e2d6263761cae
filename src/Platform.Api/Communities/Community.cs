using Platform.Contracts.Communities;

namespace Platform.Api.Communities;

/// <summary>The write model of a community: only what its commands decide on.</summary>
public sealed record Community(Guid Id, string Slug, CommunityVisibility Visibility, JoinPolicy JoinPolicy, Guid CreatorId)
{
    public static Community Create(CommunityCreated e) => new(e.CommunityId, e.Slug, e.Visibility, e.JoinPolicy, e.CreatedBy);
}
