using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Platform.Contracts.Moderation;

namespace Platform.Projections.Moderation;

/// <summary>A community's moderation settings (id = community id); no document while it keeps the platform's defaults.</summary>
public sealed class ModerationSettings
{
    public Guid Id { get; set; }
    public int AutoHideThreshold { get; set; }
}

/// <summary>Inline: the next report counts against the new threshold.</summary>
public sealed partial class ModerationSettingsProjection : MultiStreamProjection<ModerationSettings, Guid>
{
    public ModerationSettingsProjection() => Identity<AutoHideThresholdSet>(e => e.CommunityId);

    public static ModerationSettings Create(AutoHideThresholdSet e) => new() { Id = e.CommunityId, AutoHideThreshold = e.Threshold };

    public static void Apply(AutoHideThresholdSet e, ModerationSettings settings) => settings.AutoHideThreshold = e.Threshold;
}
