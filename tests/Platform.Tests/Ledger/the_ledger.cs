using Platform.Api.Commerce;
using Platform.Api.Ledger;
using Platform.Contracts.Commerce;
using Platform.Contracts.Payouts;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;
using Platform.Api.Payouts;

namespace Platform.Tests.Ledger;

public sealed class the_ledger
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static long Balance(IReadOnlyCollection<LedgerLine> lines, string account, string currency) =>
        lines.Where(l => l.Currency == currency && l.DebitAccount == account).Sum(l => l.Amount)
        - lines.Where(l => l.Currency == currency && l.CreditAccount == account).Sum(l => l.Amount);

    [Fact]
    public void random_sequences_of_payments_refunds_disputes_fees_and_payouts_keep_every_currency_balanced_and_every_account_right()
    {
        var random = new Random(42);
        for (var run = 0; run < 300; run++)
        {
            var lines = new List<LedgerLine>();
            var purchases = new List<Purchase>();
            var creator = Guid.NewGuid();
            var currencies = new[] { "eur", "jpy", "usd" };
            for (var step = 0; step < 40; step++)
            {
                object[] events;
                Purchase? purchase = null;
                switch (random.Next(5))
                {
                    case 0 or 1: // a paid checkout, with its provider fee
                        var amount = random.NextInt64(1, 200_000);
                        var currency = currencies[random.Next(currencies.Length)];
                        purchase = Purchase.After(null, [new CheckoutStarted(Guid.NewGuid(), Guid.NewGuid(), ProductKind.Course, Guid.NewGuid(), creator,
                            Guid.NewGuid(), Guid.NewGuid(), PriceInterval.OneTime, 0, amount, 0, amount, currency, random.Next(0, 101), null, null, "local",
                            "cs", "url", Now, Now)]);
                        events = [.. Purchase.Pay(purchase, new CheckoutPaid(purchase.Id, $"pi_{step}", amount, currency, null), "evt", Now),
                            new ProviderFeeCharged(purchase.Id, random.NextInt64(0, 500), currency, $"pi_{step}", Now)];
                        var paid = Purchase.After(purchase, events.Where(e => e is not ProviderFeeCharged));
                        purchases.Add(paid);
                        foreach (var e in events) lines.AddRange(LedgerProjection.LinesFor(e, Receipt(paid), null));
                        continue;
                    case 2 when purchases.Count > 0: // a refund of part or all of what is left
                        purchase = purchases[random.Next(purchases.Count)];
                        var left = Purchase.Refundable(purchase);
                        if (left <= 0 || purchase.Disputes.Count > 0) continue;
                        var refund = new RefundChanged(purchase.Id, null, null, $"re_{step}", random.NextInt64(1, left + 1), "succeeded", null);
                        events = Purchase.Refund(purchase, refund, LocalPaymentProvider.Reverse(Purchase.Reversal(purchase, refund)!), "evt", Now);
                        break;
                    case 3 when purchases.Count > 0: // a dispute over what is left, won or lost
                        purchase = purchases[random.Next(purchases.Count)];
                        var rest = Purchase.Refundable(purchase);
                        if (rest <= 0 || purchase.Disputes.Count > 0) continue;
                        events = Commerce.purchase_decisions.Disputed(purchase, new DisputeChanged("pi", $"dp_{step}", rest, "fraudulent", random.Next(2) == 0 ? "won" : "lost"));
                        break;
                    default: // a payout of what is owed in one currency, paid or failed
                        var owed = currencies.Select(c => (c, -Balance(lines, LedgerLine.CreatorPayable(creator), c))).Where(x => x.Item2 > 0).ToList();
                        if (owed.Count == 0) continue;
                        var (payCurrency, payable) = owed[random.Next(owed.Count)];
                        var payout = new PayoutCreated(Guid.NewGuid(), creator, payable, payCurrency, [], "local", null, Now);
                        lines.AddRange(LedgerProjection.LinesFor(payout, null, null));
                        lines.AddRange(LedgerProjection.LinesFor(random.Next(4) == 0 ? new PayoutFailed(payout.PayoutId, "closed", Now) : new PayoutPaid(payout.PayoutId, Now), null, payout));
                        continue;
                }
                if (purchase is null) continue;
                var before = purchases.FindIndex(p => p.Id == purchase.Id);
                var after = Purchase.After(purchases[before], events);
                foreach (var e in events) lines.AddRange(LedgerProjection.LinesFor(e, Receipt(after), null));
                purchases[before] = after;
            }

            Assert.All(lines, l => Assert.True(l.Amount >= 0, $"{l.Kind} of {l.Amount}"));
            foreach (var currency in currencies)
            {
                var accounts = lines.Where(l => l.Currency == currency).SelectMany(l => new[] { l.DebitAccount, l.CreditAccount }).Distinct().ToList();
                Assert.Equal(0, accounts.Sum(a => Balance(lines, a, currency))); // debits equal credits
                var mine = purchases.Where(p => p.Currency == currency).ToList();
                long Reversed(Func<RefundView, long> refund, Func<Purchase, long> dispute) => mine.Sum(p => p.Refunds.Sum(refund) + dispute(p));
                Assert.Equal(mine.Sum(p => p.PlatformFee) - Reversed(r => r.PlatformFeeReversed, p => p.Disputes.Where(d => d.Won == false).Sum(_ => LostFee(p))),
                    -Balance(lines, LedgerLine.PlatformFeeRevenue, currency));
                var paidOut = lines.Where(l => l.Currency == currency && l.Kind == "payout_paid").Sum(l => l.Amount);
                var fees = lines.Where(l => l.Currency == currency && l.Kind == "provider_fee").Sum(l => l.Amount);
                Assert.Equal(mine.Sum(p => p.Gross - p.Refunded - p.Disputes.Where(d => d.Won == false).Sum(d => d.Amount)) - fees - paidOut,
                    Balance(lines, LedgerLine.ProviderBalance, currency));
            }
        }
    }

    // The ledger reads a purchase's id, creator and currency from the event that opened its stream.
    private static PurchaseTerms Receipt(Purchase purchase) => new(purchase.Id, purchase.CreatorId, purchase.Currency);

    // The fee a lost dispute reversed is on its event; the purchase view keeps the dispute's amount only, so recompute it the same way.
    private static long LostFee(Purchase purchase)
    {
        var dispute = purchase.Disputes.Single(d => d.Won == false);
        return MoneySplit.Reverse(purchase.Gross, purchase.FeePercent, purchase.Refunded, dispute.Amount).PlatformFee;
    }

    [Fact]
    public void a_payout_covers_sales_out_of_the_hold_and_every_share_taken_back_and_carries_a_negative_balance()
    {
        var creator = Guid.NewGuid();
        LedgerLine Share(string kind, long amount, int daysAgo) => new()
        {
            Id = Guid.NewGuid().ToString(), Kind = kind, Amount = amount, Currency = "eur", PurchaseId = Guid.NewGuid(), CreatorId = creator, At = Now.AddDays(-daysAgo),
        };
        var hold = TimeSpan.FromDays(7);
        var old = Share("sale_share", 850, 10);
        var young = Share("sale_share", 1700, 1);
        var refund = Share("refund_share", 300, 0);
        var payout = Payout.Decide(Guid.NewGuid(), creator, "eur", [old, young, refund], Now, hold, "local")!;
        Assert.Equal(550, payout.Amount);
        Assert.Equal(new[] { old.Id, refund.Id }.Order(), payout.Items.Select(i => i.LedgerLineId).Order());
        Assert.Null(Payout.Decide(Guid.NewGuid(), creator, "eur", [Share("refund_share", 900, 0), old], Now, hold, "local"));
    }
}
