namespace Platform.Contracts.Analytics;

/// <summary>
/// An admin set the community's platform fee from <c>EffectiveAt</c> on. Appended to the community's stream, so the community's
/// audit trail shows who changed the fee, from what and to what. Checkouts started before <c>EffectiveAt</c> keep their fee.
/// </summary>
public sealed record FeePolicySet(Guid CommunityId, int Percent, int PreviousPercent, DateTimeOffset EffectiveAt, Guid SetBy, DateTimeOffset SetAt);
