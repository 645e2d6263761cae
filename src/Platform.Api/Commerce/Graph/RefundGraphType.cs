using GraphQL.Types;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class RefundGraphType : ObjectGraphType<RefundView>
{
    public RefundGraphType()
    {
        Name = "Refund";
        Field<IdGraphType>("id").Description("Null for a refund made at the provider directly.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<RefundStatus>>>("status").Resolve(c => c.Source.Status);
        Field(r => r.Reason, nullable: true);
        Field<IdGraphType>("requestedBy").Resolve(c => c.Source.RequestedBy);
        Field(r => r.At);
    }
}
