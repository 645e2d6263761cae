using Marten;
using Platform.Api.Commerce;
using Platform.Contracts.Commerce;
using Platform.Contracts.Ledger;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;
using Wolverine;

namespace Platform.Api.Ledger;

public enum MismatchKind { MissingInLedger, MissingAtProvider, AmountDiffers }

public sealed record Mismatch(string Key, MismatchKind Kind, long? LedgerAmount, long? ProviderAmount, string Currency);

public sealed record ReconciliationReport(DateTimeOffset From, DateTimeOffset To, int Matched, IReadOnlyList<Mismatch> Mismatches);

/// <summary>FLED: the ledger against the provider's balance transactions for a period, amount by amount.</summary>
public static class Reconciliation
{
    /// <summary>Pure: pairs the two sides by key and lists every difference.</summary>
    public static ReconciliationReport Compare(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<ProviderTransaction> ledger, IReadOnlyList<ProviderTransaction> provider)
    {
        var ours = ledger.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => (Amount: g.Sum(t => t.Amount), g.First().Currency));
        var theirs = provider.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => (Amount: g.Sum(t => t.Amount), g.First().Currency));
        var mismatches = new List<Mismatch>();
        var matched = 0;
        foreach (var key in ours.Keys.Union(theirs.Keys).Order())
        {
            var inLedger = ours.TryGetValue(key, out var o);
            var atProvider = theirs.TryGetValue(key, out var t);
            if (inLedger && atProvider && o.Amount == t.Amount) matched++;
            else if (!inLedger) mismatches.Add(new Mismatch(key, MismatchKind.MissingInLedger, null, t.Amount, t.Currency));
            else if (!atProvider) mismatches.Add(new Mismatch(key, MismatchKind.MissingAtProvider, o.Amount, null, o.Currency));
            else mismatches.Add(new Mismatch(key, MismatchKind.AmountDiffers, o.Amount, t.Amount, o.Currency));
        }
        return new ReconciliationReport(from, to, matched, mismatches);
    }

    /// <summary>The ledger's side, keyed as the provider books it: a payment's gross and fee, each refund.</summary>
    public static async Task<IReadOnlyList<ProviderTransaction>> LedgerSide(IQuerySession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var lines = await session.Query<LedgerLine>()
            .Where(l => l.At >= from && l.At < to && l.PurchaseId != null && l.Kind.IsOneOf("sale_fee", "sale_share", "provider_fee", "refund_fee", "refund_share"))
            .ToListAsync(cancellation);
        var purchaseIds = lines.Select(l => l.PurchaseId!.Value).Distinct().ToList();
        var purchases = (await session.LoadManyAsync<PurchaseView>(cancellation, purchaseIds)).ToDictionary(p => p.Id);
        var refundEvents = lines.Where(l => l.Kind.StartsWith("refund")).Select(l => l.SourceEventId).Distinct().ToList();
        var refunds = (await session.Events.QueryAllRawEvents().Where(e => e.Id.IsOneOf(refundEvents)).ToListAsync(cancellation))
            .ToDictionary(e => e.Id, e => ((PaymentRefunded)e.Data).ProviderRefundId);
        return lines.Select(l => new ProviderTransaction(l.Kind switch
        {
            "provider_fee" => $"fee:{purchases[l.PurchaseId!.Value].ProviderPaymentId}",
            "refund_fee" or "refund_share" => $"refund:{refunds[l.SourceEventId]}",
            _ => $"payment:{purchases[l.PurchaseId!.Value].ProviderPaymentId}",
        }, l.Amount, l.Currency)).ToList();
    }
}

/// <summary>Reconciles one UTC day (by default the day before) and records the result as an event; a scheduled run schedules the next day's.</summary>
public sealed record RunReconciliation(bool Scheduled, DateOnly? Day = null) : Audit.IAuditedAs
{
    public string? AuditedAs => Scheduled ? Audit.AuditContext.Schedule("reconciliation") : null;
}

public static class ReconciliationHandler
{
    public static async Task<Guid> Handle(RunReconciliation message, IDocumentSession session, IPaymentProvider provider, IMessageContext messages,
        TimeProvider clock, ILogger<RunReconciliation> logger, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var from = new DateTimeOffset((message.Day ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(1);
        var report = Reconciliation.Compare(from, to, await Reconciliation.LedgerSide(session, from, to, cancellation),
            await provider.BalanceTransactions(from, to, cancellation));
        var runId = Contracts.DeterministicId.From("reconciliation", provider.Name, from.ToString("O"));
        session.Events.Append(runId, new ReconciliationCompleted(runId, from, to, report.Matched,
            [.. report.Mismatches.Select(m => $"{m.Kind} {m.Key}: ledger {m.LedgerAmount?.ToString() ?? "-"}, provider {m.ProviderAmount?.ToString() ?? "-"} {m.Currency}")], now));
        if (report.Mismatches.Count > 0)
            logger.LogWarning("Reconciliation of {From:d}: {Count} mismatches", from, report.Mismatches.Count);
        if (message.Scheduled) await messages.ScheduleAsync(new RunReconciliation(Scheduled: true), to.AddDays(1).AddMinutes(30));
        return runId;
    }
}
