using GraphQL.Types;
using Platform.Api.Commerce.Graph;
using Platform.Projections.Ledger;

namespace Platform.Api.Ledger.Graph;

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
