using Marten;
using Platform.Api.Commerce;
using Platform.Contracts.Commerce;
using Platform.Contracts.Ledger;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;
using Wolverine;

namespace Platform.Api.Ledger;

public enum MismatchKind { MissingInLedger, MissingAtProvider, AmountDiffers }

/// <summary>
/// One difference: its kind, the amount on each side (null where a side has none), and what booked each side: our ledger lines'
/// source events and the provider's events or balance transactions, so finance can trace it.
/// </summary>
public sealed record Mismatch(string Key, MismatchKind Kind, long? LedgerAmount, long? ProviderAmount, string Currency,
    IReadOnlyList<string> LedgerEvents, IReadOnlyList<string> ProviderSources);

public sealed record ReconciliationReport(DateTimeOffset From, DateTimeOffset To, int Matched, IReadOnlyList<Mismatch> Mismatches);

/// <summary>FLED: the ledger against the provider's balance transactions for a period, amount by amount.</summary>
public static class Reconciliation
{
    /// <summary>Pure: pairs the two sides by key and lists every difference.</summary>
    public static ReconciliationReport Compare(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<ProviderTransaction> ledger, IReadOnlyList<ProviderTransaction> provider)
    {
        var ours = ledger.ToLookup(t => t.Key);
        var theirs = provider.ToLookup(t => t.Key);
        var mismatches = new List<Mismatch>();
        var matched = 0;
        foreach (var key in ours.Select(g => g.Key).Union(theirs.Select(g => g.Key)).Order())
        {
            var o = ours[key].ToList();
            var t = theirs[key].ToList();
            long? ledgerAmount = o.Count > 0 ? o.Sum(x => x.Amount) : null, providerAmount = t.Count > 0 ? t.Sum(x => x.Amount) : null;
            MismatchKind? kind = ledgerAmount is null ? MismatchKind.MissingInLedger
                : providerAmount is null ? MismatchKind.MissingAtProvider
                : ledgerAmount != providerAmount ? MismatchKind.AmountDiffers
                : null;
            if (kind is null) matched++;
            else
                mismatches.Add(new Mismatch(key, kind.Value, ledgerAmount, providerAmount, o.Concat(t).First().Currency,
                    [.. o.Select(x => x.Source).Distinct()], [.. t.Select(x => x.Source).Distinct()]));
        }
        return new ReconciliationReport(from, to, matched, mismatches);
    }

    /// <summary>The ledger's side, keyed as the provider books it: a payment's gross and fee, each refund, each payout paid.</summary>
    public static async Task<IReadOnlyList<ProviderTransaction>> LedgerSide(IQuerySession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellation)
    {
        var lines = await session.Query<LedgerLine>()
            .Where(l => l.At >= from && l.At < to
                        && (l.PurchaseId != null && l.Kind.IsOneOf("sale_fee", "sale_share", "provider_fee", "refund_fee", "refund_share") || l.Kind == "payout_paid"))
            .ToListAsync(cancellation);
        var payouts = (await session.LoadManyAsync<PayoutView>(cancellation, lines.Where(l => l.PayoutId != null).Select(l => l.PayoutId!.Value).Distinct()))
            .ToDictionary(p => p.Id, p => p.ProviderPayoutId ?? p.Id.ToString());
        var purchaseIds = lines.Where(l => l.PurchaseId != null).Select(l => l.PurchaseId!.Value).Distinct().ToList();
        var purchases = (await session.LoadManyAsync<PurchaseView>(cancellation, purchaseIds)).ToDictionary(p => p.Id);
        var refundEvents = lines.Where(l => l.Kind.StartsWith("refund")).Select(l => l.SourceEventId).Distinct().ToList();
        var refunds = (await session.Events.QueryAllRawEvents().Where(e => e.Id.IsOneOf(refundEvents)).ToListAsync(cancellation))
            .ToDictionary(e => e.Id, e => ((PaymentRefunded)e.Data).ProviderRefundId);
        return lines.Select(l => new ProviderTransaction(l.Kind switch
        {
            "payout_paid" => $"payout:{payouts[l.PayoutId!.Value]}",
            "provider_fee" => $"fee:{purchases[l.PurchaseId!.Value].ProviderPaymentId}",
            "refund_fee" or "refund_share" => $"refund:{refunds[l.SourceEventId]}",
            _ => $"payment:{purchases[l.PurchaseId!.Value].ProviderPaymentId}",
        }, l.Amount, l.Currency, l.SourceEventId.ToString())).ToList();
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
        {
            logger.LogWarning("Reconciliation of {From:d}: {Count} mismatches", from, report.Mismatches.Count);
            foreach (var mail in await NotifyFinance(session, runId, report, cancellation)) await messages.PublishAsync(mail);
        }
        if (message.Scheduled) await messages.ScheduleAsync(new RunReconciliation(Scheduled: true), to.AddDays(1).AddMinutes(30));
        return runId;
    }

    /// <summary>One mail per finance staff member, the same for a repeated run (its id comes from the run and the recipient).</summary>
    private static async Task<IEnumerable<Mail.SendMail>> NotifyFinance(IQuerySession session, Guid runId, ReconciliationReport report, CancellationToken cancellation)
    {
        var finance = await session.Query<Projections.Identity.UserAccount>()
            .Where(u => u.Grants.Any(g => g.Role == Contracts.Identity.Role.Finance) && u.Email != null).ToListAsync(cancellation);
        var content = new Mail.MailContent($"Reconciliation of {report.From:yyyy-MM-dd}: {report.Mismatches.Count} mismatches",
        [
            $"The ledger and the payment provider disagree on {report.Mismatches.Count} amounts ({report.Matched} matched).",
            .. report.Mismatches.Take(20).Select(m =>
                $"{m.Kind} {m.Key}: ledger {m.LedgerAmount?.ToString() ?? "-"}, provider {m.ProviderAmount?.ToString() ?? "-"} {m.Currency}"),
        ]);
        return finance.Select(u => new Mail.SendMail(Contracts.DeterministicId.From("mail", "reconciliation", runId.ToString(), u.Id.ToString()), u.Email!,
            content, u.Id, null));
    }
}
