using Marten;
using Platform.Api.Communities;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

/// <summary>The one lookup of the fee in force: a checkout fixes it (called from <c>CheckoutHandler</c>), <c>Community.feePercent</c> shows it.</summary>
public static class FeePolicies
{
    public static Task<int> InForce(IQuerySession session, Community community, DateTimeOffset now, CancellationToken cancellation) =>
        InForce(session, community.Id, community.FeePercent, now, cancellation);

    /// <param name="createdWith">The fee the community was created with: in force until a policy version takes effect.</param>
    public static async Task<int> InForce(IQuerySession session, Guid communityId, int createdWith, DateTimeOffset now, CancellationToken cancellation) =>
        FeePolicy.InForce(await session.LoadAsync<FeePolicyView>(communityId, cancellation), createdWith, now);
}
