using Marten;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

/// <summary>The fee in force, as <c>Community.feePercent</c> shows it (a checkout reads the same view with its other reads and applies the same <see cref="FeePolicy.InForce"/>).</summary>
public static class FeePolicies
{
    /// <param name="createdWith">The fee the community was created with: in force until a policy version takes effect.</param>
    public static async Task<int> InForce(IQuerySession session, Guid communityId, int createdWith, DateTimeOffset now, CancellationToken cancellation) =>
        FeePolicy.InForce(await session.LoadAsync<FeePolicyView>(communityId, cancellation), createdWith, now);
}
