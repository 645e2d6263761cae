using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.Commerce.Graph;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Api.Infrastructure;
using Platform.Projections.Commerce;
using static Platform.Api.Identity.AccessDeclarations;

namespace Platform.Api.Commerce;

/// <summary>The module's queries: thin reads of projected documents.</summary>
public static class CommerceQueries
{
    public static void AddPurchaseQuery(this ObjectGraphType query) =>
        query.Field<PurchaseGraphType>("purchase")
            .Description("A purchase (RCPT): for its buyer, its product's creator and finance.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeOffsetGraphType>("asOf", "Answer as the purchase stood at this moment, replaying its events up to then.")
            .AllowOwn(CommerceAccess.PurchaseParty("id", buyer: true, creator: true), Audience.Member, Audience.Creator, Audience.Moderator, Audience.Admin)
            .Allow(Audience.Finance)
            .ResolveAsync(async c => await CommerceReads.AsOf<PurchaseView>(c, c.IdArgument("id")) ?? throw DomainException.NotFound("The purchase"));

    public static void AddMyPurchasesQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<PurchaseGraphType, PurchaseView>>>("myPurchases")
            .Description("The caller's purchases, newest first: checkouts, renewals, refunds and all.")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var buyer = c.UserId();
                return await c.Reads().Query<PurchaseView>().Where(p => p.BuyerId == buyer).NewestFirst(c, p => p.CreatedAt, p => p.Id);
            });

    public static void AddMySubscriptionsQuery(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscriptionGraphType>>>>("mySubscriptions")
            .Description("The caller's subscriptions, the newest first.")
            .Allow(SignedIn)
            .ResolveAsync(async c =>
            {
                var buyer = c.UserId();
                return await c.Reads().Query<SubscriptionView>().Where(s => s.BuyerId == buyer).OrderByDescending(s => s.StartedAt).ToListAsync(c.CancellationToken);
            });
}
