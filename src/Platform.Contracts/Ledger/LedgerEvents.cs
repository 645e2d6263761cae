namespace Platform.Contracts.Ledger;

/// <summary>A scheduled reconciliation of the ledger against the provider's books for a period, and every mismatch it found.</summary>
public sealed record ReconciliationCompleted(Guid RunId, DateTimeOffset From, DateTimeOffset To, int Matched, IReadOnlyList<string> Mismatches,
    DateTimeOffset CompletedAt);
