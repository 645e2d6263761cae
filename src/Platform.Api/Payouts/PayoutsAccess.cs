using GraphQL;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Payouts.Graph;
using Platform.Projections.Payouts;

namespace Platform.Api.Payouts;

/// <summary>Who may see a creator's money: what "own" means for the payouts rows of the access matrix (ACCESS-MATRIX.md).</summary>
public static class PayoutsAccess
{
    /// <summary>A creator asks about their own money; only finance names another creator.</summary>
    public static readonly Ownership OwnMoney = new("the caller's own earnings", (context, caller) =>
        Task.FromResult(context.GetArgument<EarningsInput?>("input")?.CreatorId is not { } named || Guid.TryParse(named, out var id) && id == caller.UserId));

    public static readonly Ownership PayoutOwner = new("the creator paid by the payout in 'id'", async (context, caller) =>
        Guid.TryParse(context.GetArgument<string?>("id"), out var id)
        && (await context.Reads().LoadAsync<PayoutView>(id, context.CancellationToken))?.CreatorId is { } creator && creator == caller.UserId,
        HideOthers: true);
}
