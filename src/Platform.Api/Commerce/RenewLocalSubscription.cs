using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Infrastructure;
using Platform.Projections.Commerce;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Commerce;

/// <summary>The embedded provider's test clock, as a field: the events it sends are built by <see cref="LocalPayments.Renew"/>.</summary>
public static class RenewLocalSubscriptionField
{
    public static void AddRenewLocalSubscription(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SubscriptionGraphType>>("renewLocalSubscription")
            .Description("Only with the embedded payment provider: a provider's test clock reaching the end of the caller's subscription's period now. It bills the " +
                "next period with a test card that acts as in completeLocalPayment (a DISPUTED renewal is paid, then disputed); a subscription cancelled " +
                "at period end is not billed but ends.")
            .Argument<NonNullGraphType<IdGraphType>>("subscriptionId")
            .Argument<NonNullGraphType<EnumerationGraphType<LocalPaymentOutcome>>>("outcome")
            .AllowOwn(CommerceAccess.Subscriber, SignedIn)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("subscriptionId");
                var subscription = await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken) ?? throw DomainException.NotFound("The subscription");
                await LocalPayments.Renew(c.Commands(), subscription, c.GetArgument<LocalPaymentOutcome>("outcome"), CommerceReads.Now(c), c.CancellationToken);
                return await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken);
            });
}
