using Platform.Api.Infrastructure;
using Platform.Contracts.Analytics;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics;

/// <summary>A community's platform fee (versions by effective time, on the community's stream): the pure rules, <c>now</c> passed in.</summary>
public static class FeePolicy
{
    public static readonly TimeSpan LongestNotice = TimeSpan.FromDays(366);

    public static FeePolicySet Set(FeePolicyView? current, int communityDefault, SetFeePolicy command, DateTimeOffset now)
    {
        if (command.Percent is < 0 or > 100) throw DomainException.Invalid("A platform fee is 0 to 100 percent.");
        var effectiveAt = command.EffectiveAt ?? now;
        // Checkouts already started keep their fee, so a past effective time could only misstate when the change happened.
        if (effectiveAt < now) throw DomainException.Invalid("A fee takes effect now or later, never in the past.");
        if (effectiveAt - now > LongestNotice) throw DomainException.Invalid($"A fee takes effect within {LongestNotice.TotalDays:0} days.");
        return new FeePolicySet(command.CommunityId, command.Percent, InForce(current, communityDefault, effectiveAt), effectiveAt, command.SetBy, now);
    }

    /// <summary>The fee in force at a moment: the policy's latest version by then, else the fee the community was created with.</summary>
    public static int InForce(FeePolicyView? policy, int communityDefault, DateTimeOffset at) => policy?.InForceAt(at, communityDefault) ?? communityDefault;
}
