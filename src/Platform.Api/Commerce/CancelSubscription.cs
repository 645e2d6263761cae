using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Projections.Commerce;
using Wolverine;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Commerce;

public sealed record CancelSubscription(Guid SubscriptionId, Guid CanceledBy);

public static class CancelSubscriptionField
{
    public static void AddCancelSubscription(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SubscriptionGraphType>>("cancelSubscription")
            .Description("Stops renewal; access lasts to the end of the paid period.")
            .Argument<NonNullGraphType<IdGraphType>>("subscriptionId")
            .AllowOwn(CommerceAccess.Subscriber, SignedIn)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("subscriptionId");
                await c.Commands().InvokeAsync(new CancelSubscription(id, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<SubscriptionView>(id, c.CancellationToken);
            });
}

public static class CancelSubscriptionHandler
{
    public static async Task Handle(CancelSubscription command, IDocumentSession session, IMessageContext messages, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionView>(command.SubscriptionId, cancellation);
        var events = Subscription.Cancel(stream.Aggregate, command.CanceledBy, clock.GetUtcNow());
        if (events.Length == 0) return;
        stream.AppendMany(events);
        await messages.PublishAsync(new CancelProviderSubscription(command.SubscriptionId, stream.Aggregate!.ProviderSubscriptionId, AtPeriodEnd: true));
    }
}
