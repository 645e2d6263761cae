using Marten.Events.Aggregation;
using Platform.Contracts.Analytics;

namespace Platform.Projections.Analytics;

public sealed record FeePolicyVersion(int Percent, DateTimeOffset EffectiveAt, Guid SetBy, DateTimeOffset SetAt);

/// <summary>Every version of a community's platform fee, in the order set; its id is the community's. No document: the default fee.</summary>
public sealed class FeePolicyView
{
    public Guid Id { get; set; }
    public List<FeePolicyVersion> Versions { get; set; } = [];

    /// <summary>The fee in force at <paramref name="at"/>: the latest version set whose effective time had come, else <paramref name="fallback"/>.</summary>
    public int InForceAt(DateTimeOffset at, int fallback) =>
        Versions.Where(v => v.EffectiveAt <= at).OrderBy(v => v.EffectiveAt).ThenBy(v => v.SetAt).LastOrDefault()?.Percent ?? fallback;
}

/// <summary>Inline: the very next checkout fixes the fee just set (once its effective time has come).</summary>
public sealed partial class FeePolicyViewProjection : SingleStreamProjection<FeePolicyView, Guid>
{
    public static FeePolicyView Create(FeePolicySet e) => new() { Id = e.CommunityId, Versions = [VersionOf(e)] };

    public static void Apply(FeePolicySet e, FeePolicyView view) => view.Versions.Add(VersionOf(e));

    private static FeePolicyVersion VersionOf(FeePolicySet e) => new(e.Percent, e.EffectiveAt, e.SetBy, e.SetAt);
}
