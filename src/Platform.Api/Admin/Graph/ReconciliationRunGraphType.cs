using GraphQL.Types;
using Platform.Contracts.Ledger;

namespace Platform.Api.Admin.Graph;

public sealed class ReconciliationRunGraphType : ObjectGraphType<ReconciliationCompleted>
{
    public ReconciliationRunGraphType()
    {
        Name = "ReconciliationRun";
        Field(r => r.From);
        Field(r => r.To);
        Field(r => r.Matched);
        Field<NonNullGraphType<IntGraphType>>("mismatches").Resolve(c => c.Source.Mismatches.Count);
        Field(r => r.CompletedAt);
    }
}
