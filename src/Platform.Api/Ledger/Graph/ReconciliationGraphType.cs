using GraphQL.Types;

namespace Platform.Api.Ledger.Graph;

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
