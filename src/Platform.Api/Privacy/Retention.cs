using Platform.Api.Infrastructure;
using Platform.Contracts;
using Platform.Contracts.Privacy;

namespace Platform.Api.Privacy;

/// <summary>
/// The retention setting's stream (one for the platform) and its pure rules, <c>now</c> passed in: how long an erased account's
/// non-ledger events stay, and which events a purge keeps for good.
/// </summary>
public sealed record ErasedAccountRetention(int Days)
{
    public static readonly Guid StreamId = DeterministicId.From("privacy", "erased-account-retention");
    public const int MaxDays = 3650;

    /// <summary>Event types a purge never removes, by .NET namespace: money (kept as accounting law requires) and the privacy records.</summary>
    public static readonly string[] KeptNamespaces =
        ["Platform.Contracts.Commerce.", "Platform.Contracts.Ledger.", "Platform.Contracts.Payouts.", "Platform.Contracts.Privacy."];

    public static ErasedAccountRetention Create(ErasedAccountRetentionSet e) => new(e.Days);

    public ErasedAccountRetention Apply(ErasedAccountRetentionSet e) => this with { Days = e.Days };

    /// <summary>1 day to 10 years; the same value again changes nothing.</summary>
    public static object[] Set(ErasedAccountRetention? current, int days, Guid setBy, DateTimeOffset now)
    {
        if (days is < 1 or > MaxDays) throw DomainException.Invalid($"Keep an erased account's events between 1 and {MaxDays} days.");
        return current?.Days == days ? [] : [new ErasedAccountRetentionSet(days, setBy, now)];
    }

    /// <summary>Accounts erased at or before this moment are due for the purge.</summary>
    public static DateTimeOffset ErasedBefore(int days, DateTimeOffset now) => now.AddDays(-days);
}
