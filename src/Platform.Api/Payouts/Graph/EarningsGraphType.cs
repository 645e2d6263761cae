using GraphQL.Types;
using Platform.Api.Commerce.Graph;

namespace Platform.Api.Payouts.Graph;

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
