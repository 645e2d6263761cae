using GraphQL.Types;
using Platform.Api.Commerce.Graph;
using Platform.Projections.Payouts;

namespace Platform.Api.Payouts.Graph;

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
