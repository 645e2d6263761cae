using Marten.Events.Aggregation;
using Platform.Contracts.Engagement;

namespace Platform.Projections.Engagement;

public sealed class PointRulesVersion
{
    public PointRules Rules { get; set; } = PointRules.Default;
    /// <summary>Null: from the start of the community's history.</summary>
    public DateTimeOffset? EffectiveFrom { get; set; }
    public Guid ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>Every version of a community's point rules, oldest first (LEAD). Its id is the rules stream's, <see cref="EngagementIds.Rules"/>.</summary>
public sealed class PointRulesView
{
    public Guid Id { get; set; }
    public Guid CommunityId { get; set; }
    public List<PointRulesVersion> Versions { get; set; } = [];

    /// <summary>The rules that score an event at <paramref name="at"/>: the latest version set whose effective time had come by then.</summary>
    public PointRules InEffectAt(DateTimeOffset at) =>
        Versions.LastOrDefault(v => v.EffectiveFrom is null || v.EffectiveFrom <= at)?.Rules ?? PointRules.Default;

    /// <summary>These rules with one more version, as <see cref="PointRulesChanged"/> would leave them (previews use it without appending).</summary>
    public static PointRulesView With(PointRulesView? current, PointRulesChanged e) => new()
    {
        Id = EngagementIds.Rules(e.CommunityId), CommunityId = e.CommunityId,
        Versions = [.. current?.Versions ?? [], new PointRulesVersion { Rules = e.Rules, EffectiveFrom = e.EffectiveFrom, ChangedBy = e.ChangedBy, ChangedAt = e.ChangedAt }],
    };
}

/// <summary>Inline: the points projection scores the very next like with the rules just set.</summary>
public sealed partial class PointRulesViewProjection : SingleStreamProjection<PointRulesView, Guid>
{
    public static PointRulesView Create(PointRulesChanged e) => PointRulesView.With(null, e);

    public static PointRulesView Create(LikerPointsRevoked e) => new() { Id = EngagementIds.Rules(e.CommunityId), CommunityId = e.CommunityId };

    public static PointRulesView Apply(PointRulesChanged e, PointRulesView view) => PointRulesView.With(view, e);
}
