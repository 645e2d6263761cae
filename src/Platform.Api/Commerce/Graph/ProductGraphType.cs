using GraphQL.Types;
using Platform.Api.GraphQL.Schema;
using Platform.Contracts.Commerce;
using Platform.Contracts.Identity;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class ProductGraphType : ObjectGraphType<ProductView>
{
    public ProductGraphType()
    {
        Name = "Product";
        Description = "A course or a community membership for sale. Its id is the course's or the community's id.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.ProductId);
        Field<NonNullGraphType<EnumerationGraphType<ProductKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<PriceGraphType>("price").Description("The price new checkouts get.").Resolve(c => c.Source.CurrentPrice);
        Field(p => p.SeatLimit, nullable: true);
        Field<IntGraphType>("seatsLeft").Description("Null without a seat limit.").Resolve(c => c.Source.SeatLimit - c.Source.SeatsTaken);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouponGraphType>>>>("coupons")
            .Description("The product's coupons: for its creator only (empty for anyone else).")
            .Resolve(c => c.Caller().Holds(Role.Creator, c.Source.CommunityId) ? c.Source.Coupons : []);
    }
}
