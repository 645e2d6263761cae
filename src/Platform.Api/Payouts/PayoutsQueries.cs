using GraphQL;
using GraphQL.Types;
using Marten;
using Marten.Services.BatchQuerying;
using Platform.Api.Commerce;
using Platform.Api.GraphQL;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Api.Payouts.Graph;
using Platform.Contracts.Identity;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;

namespace Platform.Api.Payouts;

/// <summary>The module's queries: a creator's earnings and payouts.</summary>
public static class PayoutsQueries
{
    public static void AddEarningsQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<EarningsGraphType>>("earnings")
            .Argument<EarningsInputGraphType>("input")
            .Argument<DateTimeOffsetGraphType>("asOf", "Answer with what was recorded up to this moment (as purchase and payout take it).")
            .AllowOwn(PayoutsAccess.OwnMoney, Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<EarningsInput?>("input") ?? new EarningsInput(null, null, null, null, null);
                DateRange.Check(input.From, input.To);
                var creatorId = input.CreatorId is { } named ? MalformedIdMiddleware.InputId(named, "creatorId") : c.UserId();
                var asOf = c.GetArgument<DateTimeOffset?>("asOf");
                if (asOf is not null && input.AsOf is not null && asOf != input.AsOf)
                    throw DomainException.Invalid("Give asOf once: the argument (input.asOf is deprecated).");
                var now = asOf ?? input.AsOf ?? CommerceReads.Now(c);
                var (lines, covered) = await LedgerOf(c.Reads(), creatorId, now, c.CancellationToken);
                var currencies = lines.Select(l => l.Currency).Distinct().ToList();
                var currency = input.Currency is { } asked ? Currencies.Of(asked)
                    : currencies.Count <= 1 ? currencies.FirstOrDefault() ?? "usd"
                    : throw DomainException.Invalid($"This creator earned in {string.Join(", ", currencies)}: name a currency.");
                return EarningsCalculator.Compute(creatorId, currency, lines.Where(l => l.Currency == currency).ToList(), input.From, input.To, now,
                    c.RequestServices!.GetRequiredService<PayoutOptions>().HoldPeriod, covered);
            });

    /// <summary>What <see cref="EarningsCalculator"/> sums: the creator's ledger lines up to <paramref name="now"/>, in order, and the line
    /// ids already covered by a payout that did not fail. Read in one round trip.</summary>
    public static async Task<(IReadOnlyList<LedgerLine> Lines, IReadOnlySet<string> Covered)> LedgerOf(IQuerySession reads, Guid creatorId, DateTimeOffset now,
        CancellationToken cancellation)
    {
        var batch = reads.CreateBatchQuery();
        var ledger = LedgerOf(batch, creatorId, now);
        await batch.Execute(cancellation);
        return await ledger;
    }

    /// <summary>The same, queued on <paramref name="batch"/> with other reads; the task completes once the caller has executed it.</summary>
    public static async Task<(IReadOnlyList<LedgerLine> Lines, IReadOnlySet<string> Covered)> LedgerOf(IBatchedQuery batch, Guid creatorId, DateTimeOffset now)
    {
        var lines = batch.Query<LedgerLine>().Where(l => l.CreatorId == creatorId && l.At <= now).OrderBy(l => l.Position).ToList();
        var payouts = batch.Query<PayoutView>().Where(p => p.CreatorId == creatorId && p.Status != PayoutStatus.Failed).ToList();
        return (await lines, (await payouts).SelectMany(p => p.Items).Select(i => i.LedgerLineId).ToHashSet());
    }

    public static void AddPayoutsQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<PayoutGraphType, PayoutView>>>("payouts")
            .Description("A creator's own payouts, newest first; finance sees every creator's.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .AllowOwn(IdentityAccess.Self, Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var payouts = c.Reads().Query<PayoutView>().AsQueryable();
                if (!c.Caller().Holds(Role.Finance))
                {
                    var creator = c.UserId();
                    payouts = payouts.Where(p => p.CreatorId == creator);
                }
                return await payouts.NewestFirst(c, p => p.CreatedAt, p => p.Id);
            });

    public static void AddPayoutQuery(this ObjectGraphType query) =>
        query.Field<PayoutGraphType>("payout")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeOffsetGraphType>("asOf", "Answer as the payout stood at this moment, replaying its events up to then.")
            .AllowOwn(PayoutsAccess.PayoutOwner, Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c => await CommerceReads.AsOf<PayoutView>(c, c.IdArgument("id")) ?? throw DomainException.NotFound("The payout"));
}
