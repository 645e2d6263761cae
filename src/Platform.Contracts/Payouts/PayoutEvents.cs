namespace Platform.Contracts.Payouts;

/// <summary>One ledger line a payout covers: a sale's share, or a refund's or lost dispute's share taken back (negative).</summary>
public sealed record PayoutItem(string LedgerLineId, Guid PurchaseId, string Kind, long Amount);

/// <summary>Money owed to a creator leaves for their bank: the sum of its items, which trace it back to the sales and refunds.</summary>
public sealed record PayoutCreated(Guid PayoutId, Guid CreatorId, long Amount, string Currency, IReadOnlyList<PayoutItem> Items, string Provider,
    string? ProviderPayoutId, DateTimeOffset CreatedAt);

public sealed record PayoutPaid(Guid PayoutId, DateTimeOffset PaidAt);

/// <summary>The bank refused it: the amount is owed to the creator again and its items are free for the next payout.</summary>
public sealed record PayoutFailed(Guid PayoutId, string Reason, DateTimeOffset FailedAt);

// Payout accounts (CONN), id DeterministicId.PayoutAccount(creator): the creator's connected account at the provider.

public sealed record PayoutAccountOpened(Guid AccountId, Guid CreatorId, string Provider, string ProviderAccountId, DateTimeOffset OpenedAt);

public sealed record PayoutAccountUpdated(
    Guid AccountId, bool ChargesEnabled, bool PayoutsEnabled, IReadOnlyList<string> RequirementsDue, string ProviderEventId, DateTimeOffset UpdatedAt);
