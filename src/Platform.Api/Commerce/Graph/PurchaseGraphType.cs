using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Identity.Graph;
using Platform.Contracts;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class PurchaseGraphType : ObjectGraphType<PurchaseView>
{
    public PurchaseGraphType()
    {
        Name = "Purchase";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<PurchaseStatus>>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<MoneyGraphType>>("listPrice").Resolve(c => Money(c, c.Source.ListAmount));
        Field<NonNullGraphType<MoneyGraphType>>("discount").Resolve(c => Money(c, c.Source.Discount));
        Field<NonNullGraphType<MoneyGraphType>>("amount").Description("What the buyer is asked to pay.").Resolve(c => Money(c, c.Source.Amount));
        Field<NonNullGraphType<MoneyGraphType>>("gross").Description("What was paid; zero until paid.").Resolve(c => Money(c, c.Source.Gross));
        Field<NonNullGraphType<MoneyGraphType>>("platformFee").Resolve(c => Money(c, c.Source.PlatformFee));
        Field<NonNullGraphType<MoneyGraphType>>("creatorShare").Resolve(c => Money(c, c.Source.CreatorShare));
        Field<NonNullGraphType<MoneyGraphType>>("refunded").Resolve(c => Money(c, c.Source.Refunded));
        Field<NonNullGraphType<MoneyGraphType>>("disputed").Resolve(c => Money(c, c.Source.Disputed));
        Field<NonNullGraphType<MoneyGraphType>>("refundable").Description("What may still be refunded.")
            .Resolve(c => Money(c, c.Source.IsPaid ? Math.Max(0, Purchase.Refundable(c.Source.Gross, c.Source.Refunds, c.Source.Disputes)) : 0));
        Field<NonNullGraphType<IntGraphType>>("feePercent").Resolve(c => c.Source.FeePercent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RefundGraphType>>>>("refunds").Resolve(c => c.Source.Refunds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DisputeGraphType>>>>("disputes").Resolve(c => c.Source.Disputes);
        Field<NonNullGraphType<ProductGraphType>>("product").ResolveAsync(async c =>
            await c.Reads().LoadAsync<ProductView>(DeterministicId.Product(c.Source.ProductId), c.CancellationToken));
        Field<NonNullGraphType<IdGraphType>>("productId").Resolve(c => c.Source.ProductId);
        Field<UserGraphType>("buyer").ResolveAsync(async c =>
            await c.RequestServices!.GetRequiredService<UserLookup>().Get(c.Source.BuyerId, c.CancellationToken));
        Field<SubscriptionGraphType>("subscription").ResolveAsync(async c =>
            c.Source.SubscriptionId is { } id ? await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken) : null);
        Field<StringGraphType>("checkoutUrl").Description("Where the buyer pays, while the checkout is open.")
            .Resolve(c => c.Source.Status == PurchaseStatus.Pending ? c.Source.CheckoutUrl : null);
        Field(p => p.FailureReason, nullable: true);
        Field<IdGraphType>("duplicateOf")
            .Description("Set when the buyer already owned the product through this other purchase: this payment gave nothing and is refunded in full.")
            .Resolve(c => c.Source.DuplicateOf);
        Field(p => p.CreatedAt);
        Field(p => p.PaidAt, nullable: true);
        Field(p => p.ExpiresAt, nullable: true);
    }

    private static Money Money(IResolveFieldContext<PurchaseView> c, long amount) => new(amount, c.Source.Currency);
}
