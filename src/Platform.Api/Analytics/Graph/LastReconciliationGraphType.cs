using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class LastReconciliationGraphType : ObjectGraphType<LastReconciliation>
{
    public LastReconciliationGraphType()
    {
        Name = "LastReconciliation";
        Description = "A reconciliation run: the period it compared and the amounts it could not match.";
        Field(r => r.From);
        Field(r => r.To);
        Field(r => r.Matched);
        Field<NonNullGraphType<IntGraphType>>("unreconciled").Description("Mismatches left by the run.").Resolve(c => c.Source.Mismatches.Count);
        Field(r => r.Mismatches).Description("Each mismatch: its kind, key and the amount on each side.");
        Field(r => r.CompletedAt);
    }
}
