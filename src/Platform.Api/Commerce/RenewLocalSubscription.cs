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
            .Description("Only with the embedded payment provider: bills the caller's subscription's next period now with a test card, as a provider's test clock would.")
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
