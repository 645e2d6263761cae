using GraphQL;
using Marten;
using Platform.Api.Courses;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Identity;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce;

/// <summary>Who may see or do what in commerce: what "own" means for its rows of the access matrix (ACCESS-MATRIX.md).</summary>
public static class CommerceAccess
{
    /// <summary>The creator of the community that sells the product (a course or the community itself).</summary>
    public static Ownership ProductCreator(string argument) =>
        new($"the creator of the product in '{argument}'", async (context, caller) =>
        {
            if (!Guid.TryParse(context.GetArgument<string?>(argument), out var id)) return false;
            var reads = context.Reads();
            var communityId = (await OutlineCache.Load(reads, id, context.CancellationToken))?.CommunityId ?? id;
            return caller.Holds(Role.Creator, communityId);
        });

    /// <summary>The buyer of the purchase named by <paramref name="argument"/>, or (with <paramref name="creator"/>) its product's creator.</summary>
    public static Ownership PurchaseParty(string argument, bool buyer, bool creator) =>
        new($"{(buyer ? "the buyer" : "")}{(buyer && creator ? " or " : "")}{(creator ? "the product's creator" : "")} of the purchase in '{argument}'",
            async (context, caller) =>
                Guid.TryParse(context.GetArgument<string?>(argument), out var id)
                && await context.Reads().LoadAsync<PurchaseView>(id, context.CancellationToken) is { } purchase
                && (buyer && purchase.BuyerId == caller.UserId || creator && caller.Holds(Role.Creator, purchase.CommunityId)),
            HideOthers: true);

    public static readonly Ownership Subscriber = new("the subscriber of the subscription in 'subscriptionId'", async (context, caller) =>
        Guid.TryParse(context.GetArgument<string?>("subscriptionId"), out var id)
        && (await context.Reads().LoadAsync<SubscriptionView>(id, context.CancellationToken))?.BuyerId is { } buyer && buyer == caller.UserId,
        HideOthers: true);
}
