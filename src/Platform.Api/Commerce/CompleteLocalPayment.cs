using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Projections.Commerce;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Commerce;

/// <summary>The embedded provider's hosted payment page, as a field: the events it sends are built by <see cref="LocalPayments.Pay"/>.</summary>
public static class CompleteLocalPaymentField
{
    public static void AddCompleteLocalPayment(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PurchaseGraphType>>("completeLocalPayment")
            .Description("Only with the embedded payment provider: pays the caller's checkout with a test card (SUCCEEDED, DECLINED, DISPUTED: paid, then disputed and lost, or DISPUTED_WON: paid, disputed and won).")
            .Argument<NonNullGraphType<IdGraphType>>("checkoutId")
            .Argument<NonNullGraphType<EnumerationGraphType<LocalPaymentOutcome>>>("outcome")
            .AllowOwn(CommerceAccess.PurchaseParty("checkoutId", buyer: true, creator: false), SignedIn)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("checkoutId");
                var purchase = await c.Reads().LoadAsync<PurchaseView>(id, c.CancellationToken) ?? throw DomainException.NotFound("The checkout");
                await LocalPayments.Pay(c.Commands(), purchase, c.GetArgument<LocalPaymentOutcome>("outcome"), CommerceReads.Now(c), c.CancellationToken);
                return await c.Reads().LoadAsync<PurchaseView>(id, c.CancellationToken);
            });
}
