using Marten;
using Platform.Api.Infrastructure;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;
using Wolverine;

namespace Platform.Api.Commerce;

/// <summary>The product's creator or finance gives money back (FREF); <paramref name="Amount"/> null means all that is left.</summary>
public sealed record RefundPurchase(Guid PurchaseId, Guid RefundId, long? Amount, string Reason, Guid RequestedBy);

/// <summary>Asks the provider for a requested refund, after the request committed; retried on the durable queue.</summary>
public sealed record SendRefund(Guid PurchaseId, Guid RefundId);

public static class Refunds
{
    /// <summary>Never more than was paid, less what earlier refunds, pending refunds and lost disputes took back.</summary>
    public static object[] Request(PurchaseView? purchase, RefundPurchase command, DateTimeOffset now)
    {
        if (purchase is null) throw DomainException.NotFound("The purchase");
        if (purchase.Refunds.Any(r => r.Id == command.RefundId)) return [];
        if (!purchase.IsPaid) throw DomainException.Conflict("Only a paid purchase can be refunded.");
        if (purchase.Disputes.Any(d => d.Won is null)) throw DomainException.Conflict("This purchase is disputed; the dispute decides what goes back.");
        var refundable = Payments.Refundable(purchase);
        if (refundable <= 0) throw DomainException.Conflict("Nothing is left to refund.");
        var amount = command.Amount ?? refundable;
        if (amount < 1) throw DomainException.Invalid("A refund is at least 1 in the currency's minor unit.");
        if (amount > refundable) throw DomainException.Invalid($"At most {refundable} {purchase.Currency} minor units can still be refunded.");
        var reason = command.Reason.Trim();
        if (reason.Length is 0 or > 500) throw DomainException.Invalid("Give a reason of at most 500 characters.");
        return [new RefundRequested(purchase.Id, command.RefundId, amount, reason, command.RequestedBy, now)];
    }
}

public static class RefundsHandler
{
    public static async Task<SendRefund?> Handle(RefundPurchase command, IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<PurchaseView>(command.PurchaseId, cancellation);
        var events = Refunds.Request(stream.Aggregate, command, clock.GetUtcNow());
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
