using GraphQL.Types;

namespace Platform.Api.Ledger.Graph;

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
