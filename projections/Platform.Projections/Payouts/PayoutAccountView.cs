using Marten.Events.Aggregation;
using Platform.Contracts.Payouts;

namespace Platform.Projections.Payouts;

/// <summary>A creator's connected account at the payment provider (CONN): can it take charges, can it be paid out, what is missing.</summary>
public sealed class PayoutAccountView
{
    public Guid Id { get; set; }
    public Guid CreatorId { get; set; }
    public string Provider { get; set; } = "";
    public string ProviderAccountId { get; set; } = "";
    public bool ChargesEnabled { get; set; }
    public bool PayoutsEnabled { get; set; }
    public List<string> RequirementsDue { get; set; } = [];
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>Inline: a checkout started right after onboarding finds the account ready.</summary>
public sealed partial class PayoutAccountViewProjection : SingleStreamProjection<PayoutAccountView, Guid>
{
    public static PayoutAccountView Create(PayoutAccountOpened e) => new()
    {
        Id = e.AccountId, CreatorId = e.CreatorId, Provider = e.Provider, ProviderAccountId = e.ProviderAccountId, OpenedAt = e.OpenedAt,
    };

    public static void Apply(PayoutAccountUpdated e, PayoutAccountView view)
    {
        // Providers may deliver account updates out of order: the newest one wins.
        if (view.UpdatedAt > e.UpdatedAt) return;
        view.ChargesEnabled = e.ChargesEnabled;
        view.PayoutsEnabled = e.PayoutsEnabled;
        view.RequirementsDue = [.. e.RequirementsDue];
        view.UpdatedAt = e.UpdatedAt;
    }
}
