using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Ledger.Graph;
using Platform.Projections.Ledger;

namespace Platform.Api.Ledger;

/// <summary>The module's queries: finance's ledger and reconciliation.</summary>
public static class LedgerQueries
{
    public static void AddLedgerQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<LedgerLineGraphType, LedgerLine>>>("ledger")
            .Description("Double-entry lines, in the order they were recorded.")
            .Argument<LedgerInputGraphType>("input").Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<LedgerInput?>("input");
                var lines = c.Reads().Query<LedgerLine>().AsQueryable();
                if (input?.Account is { } account) lines = lines.Where(l => l.DebitAccount == account || l.CreditAccount == account);
                DateRange.Check(input?.From, input?.To);
                if (input?.From is { } from) lines = lines.Where(l => l.At >= from);
                if (input?.To is { } to) lines = lines.Where(l => l.At < to);
                if (Cursor.Decode(c.GetArgument<string?>("after")) is { } after) lines = lines.Where(l => l.Position > after);
                var first = Cursor.PageSize(c.GetArgument<int?>("first"));
                return Page<LedgerLine>.From(await lines.OrderBy(l => l.Position).Take(first + 1).ToListAsync(c.CancellationToken), first, l => l.Position);
            });

    public static void AddReconciliationQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ReconciliationGraphType>>("reconciliation")
            .Description("The ledger against the payment provider's balance transactions for a period: every mismatch.")
            .Argument<NonNullGraphType<ReconciliationInputGraphType>>("input")
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var (from, to) = c.GetArgument<ReconciliationInput>("input");
                if (to <= from) throw DomainException.Invalid("'to' must be after 'from'.");
                var provider = c.RequestServices!.GetRequiredService<IPaymentProvider>();
                return Reconciliation.Compare(from, to, await Reconciliation.LedgerSide(c.Reads(), from, to, c.CancellationToken),
                    await provider.BalanceTransactions(from, to, c.CancellationToken));
            });
}
