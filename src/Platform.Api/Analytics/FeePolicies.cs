using Marten;
using Platform.Api.Communities;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

/// <summary>The one lookup a checkout makes to fix its fee (called from <c>CheckoutHandler</c>).</summary>
public static class FeePolicies
{
    public static async Task<int> InForce(IQuerySession session, Community community, DateTimeOffset now, CancellationToken cancellation) =>
        FeePolicy.InForce(await session.LoadAsync<FeePolicyView>(community.Id, cancellation), community.FeePercent, now);
}
