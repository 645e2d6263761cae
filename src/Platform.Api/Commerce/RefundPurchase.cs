using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>The product's creator or finance gives money back (FREF); <paramref name="Amount"/> null means all that is left.</summary>
public sealed record RefundPurchase(Guid PurchaseId, Guid RefundId, long? Amount, string Reason, Guid RequestedBy);

/// <summary>Asks the provider for a requested refund, after the request committed; retried on the durable queue.</summary>
public sealed record SendRefund(Guid PurchaseId, Guid RefundId);

public static class RefundPurchaseField
{
    public static void AddRefundPurchase(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PurchaseGraphType>>("refundPurchase")
            .Description("Gives money back to the buyer, at most what is left; the refund is PENDING until the provider confirms it.")
            .Argument<NonNullGraphType<IdGraphType>>("purchaseId")
            .Argument<NonNullGraphType<RefundPurchaseInputGraphType>>("input")
            .AllowOwn(CommerceAccess.PurchaseParty("purchaseId", buyer: false, creator: true), Audience.Creator)
            .Allow(Audience.Finance)
            .ResolveAsync(async c =>
            {
                var id = c.IdArgument("purchaseId");
                var input = c.GetArgument<RefundPurchaseInput>("input");
                await c.Commands().InvokeAsync(new RefundPurchase(id, Guid.CreateVersion7(), input.Amount, input.Reason, c.UserId()), c.CancellationToken);
                return await c.Reads().LoadAsync<PurchaseView>(id, c.CancellationToken);
            });
}

public static class RefundPurchaseHandler
{
    public static async Task<SendRefund?> Handle(RefundPurchase command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<Purchase>(command.PurchaseId, cancellation);
        var events = Purchase.RequestRefund(stream.Aggregate, command, clock.GetUtcNow());
        stream.AppendMany(events);
        return events.Length == 0 ? null : new SendRefund(command.PurchaseId, command.RefundId);
    }

    public static async Task Handle(SendRefund message, IDocumentSession session, IPaymentProvider provider, TimeProvider clock,
        ILogger<SendRefund> logger, CancellationToken cancellation)
    {
        var purchase = await session.LoadAsync<PurchaseView>(message.PurchaseId, cancellation);
        if (purchase?.Refunds.FirstOrDefault(r => r.Id == message.RefundId) is not { Status: RefundStatus.Pending } refund) return;
        try
        {
            await provider.Refund(new RefundRequest(purchase.Id, message.RefundId, purchase.ProviderPaymentId!, refund.Amount, purchase.Currency, refund.Reason ?? ""), cancellation);
        }
        catch (PaymentRefusedException refused)
        {
            logger.LogWarning("Refund {RefundId} of purchase {PurchaseId} refused by the provider: {Reason}", message.RefundId, purchase.Id, refused.Message);
            session.Events.Append(purchase.Id, new RefundFailed(purchase.Id, message.RefundId, refused.Message, clock.GetUtcNow()));
        }
    }
}
