using Platform.Contracts.Communities;

namespace Platform.Api.Communities;

/// <summary>The write model of a community: only what its commands decide on.</summary>
public sealed record Community(
    Guid Id, string Name, string Slug, string Description, CommunityVisibility Visibility, JoinPolicy JoinPolicy,
    Guid CreatorId, Guid? ParentId, int FeePercent)
{
    public static Community Create(CommunityCreated e) =>
        new(e.CommunityId, e.Name, e.Slug, e.Description, e.Visibility, e.JoinPolicy, e.CreatedBy, e.ParentId, e.FeePercent);

    public Community Apply(CommunitySettingsChanged e) => this with
    {
        Name = e.Name ?? Name,
        Description = e.Description ?? Description,
        Visibility = e.Visibility ?? Visibility,
        JoinPolicy = e.JoinPolicy ?? JoinPolicy,
    };
}
