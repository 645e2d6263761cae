using Marten.Events.Aggregation;
using Platform.Contracts.Payouts;

namespace Platform.Projections.Payouts;

public enum PayoutStatus { InTransit, Paid, Failed }

/// <summary>A payout to a creator (PAYO) with the ledger lines it covers, so a bank deposit traces back to sales and refunds.</summary>
public sealed class PayoutView
{
    public Guid Id { get; set; }
    public Guid CreatorId { get; set; }
    public long Amount { get; set; }
    public string Currency { get; set; } = "";
    public List<PayoutItem> Items { get; set; } = [];
    public string Provider { get; set; } = "";
    public string? ProviderPayoutId { get; set; }
    public PayoutStatus Status { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
}

/// <summary>Inline: the next payout run must see which lines this one covers.</summary>
public sealed partial class PayoutViewProjection : SingleStreamProjection<PayoutView, Guid>
{
    public static PayoutView Create(PayoutCreated e) => new()
    {
        Id = e.PayoutId, CreatorId = e.CreatorId, Amount = e.Amount, Currency = e.Currency, Items = [.. e.Items], Provider = e.Provider,
        ProviderPayoutId = e.ProviderPayoutId, Status = PayoutStatus.InTransit, CreatedAt = e.CreatedAt,
    };

    public static void Apply(PayoutPaid e, PayoutView view)
    {
        view.Status = PayoutStatus.Paid;
        view.SettledAt = e.PaidAt;
    }

    public static void Apply(PayoutFailed e, PayoutView view)
    {
        view.Status = PayoutStatus.Failed;
        view.FailureReason = e.Reason;
        view.SettledAt = e.FailedAt;
    }
}
