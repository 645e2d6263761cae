namespace Platform.Contracts.Payouts;

/// <summary>One ledger line a payout covers: a sale's share, or a refund's or lost dispute's share taken back (negative).</summary>
public sealed record PayoutItem(string LedgerLineId, Guid PurchaseId, string Kind, long Amount);

/// <summary>Money owed to a creator leaves for their bank: the sum of its items, which trace it back to the sales and refunds.</summary>
public sealed record PayoutCreated(Guid PayoutId, Guid CreatorId, long Amount, string Currency, IReadOnlyList<PayoutItem> Items, string Provider,
    string? ProviderPayoutId, DateTimeOffset CreatedAt);

public sealed record PayoutPaid(Guid PayoutId, DateTimeOffset PaidAt);

/// <summary>The bank refused it: the amount is owed to the creator again and its items are free for the next payout.</summary>
public sealed record PayoutFailed(Guid PayoutId, string Reason, DateTimeOffset FailedAt);

/// <summary>A scheduled reconciliation of the ledger against the provider's books for a period, and every mismatch it found.</summary>
public sealed record ReconciliationCompleted(Guid RunId, DateTimeOffset From, DateTimeOffset To, int Matched, IReadOnlyList<string> Mismatches,
    DateTimeOffset CompletedAt);
