using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Payouts;
using Platform.Projections.Commerce;

namespace Platform.Api.Payouts.Graph;

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
            await c.Reads().LoadAsync<PurchaseView>(c.Source.PurchaseId, c.CancellationToken));
    }
}
