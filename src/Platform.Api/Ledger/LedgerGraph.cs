using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Contracts.Identity;
using Platform.Contracts.Payouts;
using Platform.Projections.Ledger;

namespace Platform.Api.Ledger;

public sealed class LedgerLineGraphType : ObjectGraphType<LedgerLine>
{
    public LedgerLineGraphType()
    {
        Name = "LedgerLine";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(l => l.At);
        Field(l => l.DebitAccount);
        Field(l => l.CreditAccount);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field(l => l.Kind);
        Field<NonNullGraphType<IdGraphType>>("sourceEventId").Resolve(c => c.Source.SourceEventId);
        Field(l => l.SourceEventType);
        Field<IdGraphType>("purchaseId").Resolve(c => c.Source.PurchaseId);
        Field<IdGraphType>("payoutId").Resolve(c => c.Source.PayoutId);
    }
}

public sealed class EarningsDayGraphType : ObjectGraphType<EarningsDay>
{
    public EarningsDayGraphType()
    {
        Name = "EarningsDay";
        Field<NonNullGraphType<StringGraphType>>("day").Description("yyyy-MM-dd, UTC.").Resolve(c => c.Source.Day.ToString("yyyy-MM-dd"));
        Field<NonNullGraphType<MoneyGraphType>>("gross").Resolve(c => c.Source.Gross);
        Field<NonNullGraphType<MoneyGraphType>>("net").Resolve(c => c.Source.Net);
    }
}

public sealed class EarningsGraphType : ObjectGraphType<Earnings>
{
    public EarningsGraphType()
    {
        Name = "Earnings";
        Description = "A creator's money in one currency. gross, platformFee, creatorShare, refunded, disputed and net are for the period; pending, available, paidOut and inTransit are balances at the moment asked about.";
        Field<NonNullGraphType<IdGraphType>>("creatorId").Resolve(c => c.Source.CreatorId);
        Field(e => e.Currency);
        foreach (var (name, get) in new (string, Func<Earnings, Money>)[]
                 {
                     ("gross", e => e.Gross), ("platformFee", e => e.PlatformFee), ("creatorShare", e => e.CreatorShare), ("refunded", e => e.Refunded),
                     ("disputed", e => e.Disputed), ("net", e => e.Net), ("pending", e => e.Pending), ("available", e => e.Available),
                     ("paidOut", e => e.PaidOut), ("inTransit", e => e.InTransit),
                 })
            Field<NonNullGraphType<MoneyGraphType>>(name).Resolve(c => get(c.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EarningsDayGraphType>>>>("byDay").Resolve(c => c.Source.ByDay);
    }
}

public sealed class PayoutItemGraphType : ObjectGraphType<PayoutItem>
{
    public PayoutItemGraphType()
    {
        Name = "PayoutItem";
        Description = "A sale's share (positive) or a refund's or lost dispute's share taken back (negative) that the payout covers.";
        Field<NonNullGraphType<IdGraphType>>("purchaseId").Resolve(c => c.Source.PurchaseId);
        Field(i => i.Kind);
        Field<NonNullGraphType<LongGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<IdGraphType>>("ledgerLineId").Resolve(c => c.Source.LedgerLineId);
        Field<PurchaseGraphType>("purchase").ResolveAsync(async c =>
            await c.Reads().LoadAsync<Projections.Commerce.PurchaseView>(c.Source.PurchaseId, c.CancellationToken));
    }
}

public sealed class PayoutGraphType : ObjectGraphType<PayoutView>
{
    public PayoutGraphType()
    {
        Name = "Payout";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("creatorId").Resolve(c => c.Source.CreatorId);
        Field<NonNullGraphType<MoneyGraphType>>("amount").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<EnumerationGraphType<PayoutStatus>>>("status").Resolve(c => c.Source.Status);
        Field(p => p.FailureReason, nullable: true);
        Field(p => p.CreatedAt);
        Field(p => p.SettledAt, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PayoutItemGraphType>>>>("items").Resolve(c => c.Source.Items);
    }
}

public sealed class MismatchGraphType : ObjectGraphType<Mismatch>
{
    public MismatchGraphType()
    {
        Name = "ReconciliationMismatch";
        Field(m => m.Key).Description("payment:<payment id>, fee:<payment id> or refund:<refund id>.");
        Field<NonNullGraphType<EnumerationGraphType<MismatchKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<LongGraphType>("ledgerAmount").Resolve(c => c.Source.LedgerAmount);
        Field<LongGraphType>("providerAmount").Resolve(c => c.Source.ProviderAmount);
        Field(m => m.Currency);
    }
}

public sealed class ReconciliationGraphType : ObjectGraphType<ReconciliationReport>
{
    public ReconciliationGraphType()
    {
        Name = "Reconciliation";
        Field(r => r.From);
        Field(r => r.To);
        Field(r => r.Matched);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MismatchGraphType>>>>("mismatches").Resolve(c => c.Source.Mismatches);
    }
}

public sealed class EarningsInputGraphType : InputObjectGraphType
{
    public EarningsInputGraphType()
    {
        Name = "EarningsInput";
        Field<DateTimeOffsetGraphType>("from");
        Field<DateTimeOffsetGraphType>("to");
        Field<StringGraphType>("currency").Description("Needed when the creator has earned in several currencies.");
        Field<IdGraphType>("creatorId").Description("Finance: any creator. A creator: themselves (the default).");
        Field<DateTimeOffsetGraphType>("asOf").Description("Answer with what was recorded up to this moment.");
    }
}

public sealed class LedgerInputGraphType : InputObjectGraphType
{
    public LedgerInputGraphType()
    {
        Name = "LedgerInput";
        Field<StringGraphType>("account").Description("Lines debiting or crediting this account, such as creator_payable:<userId>.");
        Field<DateTimeOffsetGraphType>("from");
        Field<DateTimeOffsetGraphType>("to");
    }
}

public sealed class ReconciliationInputGraphType : InputObjectGraphType
{
    public ReconciliationInputGraphType()
    {
        Name = "ReconciliationInput";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("from");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("to");
    }
}

public static class LedgerGraph
{
    /// <summary>A creator asks about their own money; only finance names another creator.</summary>
    private static readonly Ownership OwnMoney = new("the caller's own earnings", (context, caller) =>
    {
        var input = context.GetArgument<Dictionary<string, object?>>("input");
        return Task.FromResult(input?.GetValueOrDefault("creatorId") is not string named || Guid.TryParse(named, out var id) && id == caller.UserId);
    });

    private static readonly Ownership PayoutOwner = new("the creator paid by the payout in 'id'", async (context, caller) =>
        Guid.TryParse(context.GetArgument<string?>("id"), out var id)
        && (await context.Reads().LoadAsync<PayoutView>(id, context.CancellationToken))?.CreatorId is { } creator && creator == caller.UserId,
        HideOthers: true);

    public static void AddLedgerQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<EarningsGraphType>>("earnings")
            .Argument<EarningsInputGraphType>("input")
            .AllowOwn(OwnMoney, Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input") ?? [];
                var creatorId = input.GetValueOrDefault("creatorId") is string named ? Guid.Parse(named) : c.UserId();
                var asOf = input.GetValueOrDefault("asOf") as DateTimeOffset?;
                var now = asOf ?? c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
                var lines = await c.Reads().Query<LedgerLine>().Where(l => l.CreatorId == creatorId && l.At <= now).OrderBy(l => l.Position).ToListAsync(c.CancellationToken);
                var currencies = lines.Select(l => l.Currency).Distinct().ToList();
                var currency = input.GetValueOrDefault("currency") is string asked ? Pricing.Currency(asked)
                    : currencies.Count <= 1 ? currencies.FirstOrDefault() ?? "usd"
                    : throw DomainException.Invalid($"This creator earned in {string.Join(", ", currencies)}: name a currency.");
                var covered = (await c.Reads().Query<PayoutView>().Where(p => p.CreatorId == creatorId && p.Status != PayoutStatus.Failed).ToListAsync(c.CancellationToken))
                    .SelectMany(p => p.Items).Select(i => i.LedgerLineId).ToHashSet();
                return EarningsCalculator.Compute(creatorId, currency, lines.Where(l => l.Currency == currency).ToList(),
                    input.GetValueOrDefault("from") as DateTimeOffset?, input.GetValueOrDefault("to") as DateTimeOffset?, now,
                    c.RequestServices!.GetRequiredService<PayoutOptions>().HoldPeriod, covered);
            });

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

        query.Field<PayoutGraphType>("payout")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeOffsetGraphType>("asOf", "Answer as the payout stood at this moment, replaying its events up to then.")
            .AllowOwn(PayoutOwner, Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c => await AsOf<PayoutView>(c, c.IdArgument("id")) ?? throw DomainException.NotFound("The payout"));

        query.Field<NonNullGraphType<ConnectionGraphType<LedgerLineGraphType, LedgerLine>>>("ledger")
            .Description("Double-entry lines, in the order they were recorded.")
            .Argument<LedgerInputGraphType>("input").Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input") ?? [];
                var lines = c.Reads().Query<LedgerLine>().AsQueryable();
                if (input.GetValueOrDefault("account") is string account) lines = lines.Where(l => l.DebitAccount == account || l.CreditAccount == account);
                if (input.GetValueOrDefault("from") is DateTimeOffset from) lines = lines.Where(l => l.At >= from);
                if (input.GetValueOrDefault("to") is DateTimeOffset to) lines = lines.Where(l => l.At < to);
                if (Cursor.Decode(c.GetArgument<string?>("after")) is { } after) lines = lines.Where(l => l.Position > after);
                var first = Cursor.PageSize(c.GetArgument<int?>("first"));
                return Page<LedgerLine>.From(await lines.OrderBy(l => l.Position).Take(first + 1).ToListAsync(c.CancellationToken), first, l => l.Position);
            });

        query.Field<NonNullGraphType<ReconciliationGraphType>>("reconciliation")
            .Description("The ledger against the payment provider's balance transactions for a period: every mismatch.")
            .Argument<NonNullGraphType<ReconciliationInputGraphType>>("input")
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var (from, to) = ((DateTimeOffset)input["from"]!, (DateTimeOffset)input["to"]!);
                if (to <= from) throw DomainException.Invalid("'to' must be after 'from'.");
                var provider = c.RequestServices!.GetRequiredService<IPaymentProvider>();
                return Reconciliation.Compare(from, to, await Reconciliation.LedgerSide(c.Reads(), from, to, c.CancellationToken),
                    await provider.BalanceTransactions(from, to, c.CancellationToken));
            });
    }

    /// <summary>The document now, or (with <c>asOf</c>) the stream replayed up to that moment.</summary>
    public static async Task<T?> AsOf<T>(IResolveFieldContext context, Guid id) where T : class =>
        context.GetArgument<DateTimeOffset?>("asOf") is { } asOf
            ? await context.Reads().Events.AggregateStreamAsync<T>(id, timestamp: asOf, token: context.CancellationToken)
            : await context.Reads().LoadAsync<T>(id, context.CancellationToken);
}

public static class LedgerConfiguration
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Payouts").Get<PayoutOptions>() ?? new PayoutOptions());
        builder.Services.AddHostedService<ScheduleStarter>();
        return builder;
    }
}
