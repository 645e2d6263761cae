using GraphQL.Types;
using Platform.Contracts.Commerce;
using Platform.Projections.Commerce;

namespace Platform.Api.Commerce.Graph;

public sealed class SubscriptionGraphType : ObjectGraphType<SubscriptionView>
{
    public SubscriptionGraphType()
    {
        Name = "PaidSubscription";
        Description = "A recurring purchase (the root type Subscription is for live updates).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<EnumerationGraphType<SubscriptionStatus>>>("status")
            .Resolve(c => c.Source.Status(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
        Field<NonNullGraphType<IdGraphType>>("productId").Resolve(c => c.Source.ProductId);
        Field<NonNullGraphType<EnumerationGraphType<ProductKind>>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<MoneyGraphType>>("price").Resolve(c => new Money(c.Source.Amount, c.Source.Currency));
        Field<NonNullGraphType<EnumerationGraphType<PriceInterval>>>("interval").Resolve(c => c.Source.Interval);
        Field(s => s.StartedAt);
        Field(s => s.TrialEndsAt, nullable: true);
        Field(s => s.CurrentPeriodEnd);
        Field(s => s.CancelsAt, nullable: true).Description("Set once cancelled: access lasts until then.");
        Field(s => s.EndedAt, nullable: true);
        Field(s => s.EndReason, nullable: true);
    }
}
