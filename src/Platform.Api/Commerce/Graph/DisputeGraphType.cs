using GraphQL.Types;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class DisputeGraphType : ObjectGraphType<DisputeView>
{
    public DisputeGraphType()
    {
        Name = "Dispute";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.ProviderDisputeId);
        Field(d => d.Reason);
        Field<NonNullGraphType<StringGraphType>>("status").Description("OPEN, WON or LOST.")
            .Resolve(c => c.Source.Won switch { null => "OPEN", true => "WON", false => "LOST" });
        Field(d => d.OpenedAt);
        Field(d => d.ClosedAt, nullable: true);
    }
}
