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
        Field<NonNullGraphType<LongGraphType>>("amount").Description("In the purchase currency's minor unit.").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<LongGraphType>>("platformFeeReversed")
            .Description("The part of the platform's fee given back, as the provider reversed it; zero until the refund succeeds.").Resolve(c => c.Source.PlatformFeeReversed);
        Field<NonNullGraphType<LongGraphType>>("creatorShareReversed")
            .Description("The part of the creator's share given back; zero until the refund succeeds.").Resolve(c => c.Source.CreatorShareReversed);
        Field(r => r.Reason, nullable: true);
        Field<IdGraphType>("requestedBy").Resolve(c => c.Source.RequestedBy);
        Field(r => r.At);
    }
}
