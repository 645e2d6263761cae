using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Identity;
using Platform.Projections.Commerce;
using Platform.Projections.Ledger;
using Platform.Projections.Payouts;

namespace Platform.Api.Audit;

/// <summary>Who may read which audit trail: finance and admins any; a creator the money of their own products.</summary>
public static class AuditAccess
{
    /// <summary>A creator reads the history of the money of their own products: purchases and subscriptions of their communities.</summary>
    public static readonly Ownership ProductMoneyCreator = new("the creator of the product of the purchase, subscription or payout in 'entityId'",
        async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>("entityId"), out var id)) return false;
            var reads = context.Reads();
            return context.GetArgument<AuditEntityType>("entityType") switch
            {
                AuditEntityType.Purchase => await reads.LoadAsync<PurchaseView>(id, context.CancellationToken) is { } purchase
                    && caller.Holds(Role.Creator, purchase.CommunityId),
                AuditEntityType.Subscription => await reads.LoadAsync<SubscriptionView>(id, context.CancellationToken) is { } subscription
                    && caller.Holds(Role.Creator, subscription.CommunityId),
                AuditEntityType.Payout => caller.Holds(Role.Creator) && (await reads.LoadAsync<PayoutView>(id, context.CancellationToken))?.CreatorId == caller.UserId,
                _ => false,
            };
        }, HideOthers: true);
}
