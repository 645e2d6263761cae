using Marten;
using Platform.Contracts.Engagement;
using Platform.Contracts.Identity;
using Platform.Projections.Identity;

namespace Platform.Api.Engagement;

/// <summary>
/// Who may see or do what in Engagement. Reading levels and boards is for the community's active members, creator and
/// moderators (<c>CommunitiesAccess.Member</c>); the rules and revoking a liker's points are the creator's
/// (<c>CommunitiesAccess.Creator</c>). Staff play no part in the ranking.
/// </summary>
public static class EngagementAccess
{
    /// <summary>The community's creator or a moderator of it, or platform admin or finance staff.</summary>
    public static bool IsStaff(UserAccount account, Guid communityId) =>
        account.Holds(Role.Creator, communityId) || account.Holds(Role.Moderator, communityId) || account.Holds(Role.Admin) || account.Holds(Role.Finance);

    /// <summary>The highest level the member ever reached in the community (1 before any): what LEVEL courses check.</summary>
    public static async Task<int> HighestLevel(IQuerySession reads, Guid communityId, Guid userId, CancellationToken cancellation) =>
        (await reads.Events.AggregateStreamAsync<MemberProgress>(EngagementIds.Progress(communityId, userId), token: cancellation))?.HighestLevel ?? 1;
}
