using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

public sealed record CreateCoupon(
    Guid ProductId, Guid CouponId, string Code, int? PercentOff, long? AmountOff, DateTimeOffset? ExpiresAt, int? MaxRedemptions, Guid CreatedBy);

public static class CreateCouponField
{
    public static void AddCreateCoupon(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CouponGraphType>>("createCoupon")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .Argument<NonNullGraphType<CreateCouponInputGraphType>>("input")
            .AllowOwn(CommerceAccess.ProductCreator("productId"), Audience.Creator)
            .ResolveAsync(async c =>
            {
                var productId = c.IdArgument("productId");
                var input = c.GetArgument<CreateCouponInput>("input");
                var command = new CreateCoupon(productId, Guid.CreateVersion7(), input.Code, input.PercentOff, input.AmountOff, input.ExpiresAt,
                    input.MaxRedemptions, c.UserId());
                await c.Commands().InvokeAsync(command, c.CancellationToken);
                return (await CommerceReads.Product(c, productId)).Coupons.Single(x => x.Id == command.CouponId);
            });
}

public static class CreateCouponHandler
{
    public static async Task Handle(CreateCoupon command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<ProductView>(DeterministicId.Product(command.ProductId), cancellation);
        stream.AppendMany(Product.CreateCoupon(stream.Aggregate, command, clock.GetUtcNow()));
    }
}
