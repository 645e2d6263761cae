using GraphQL.Types;

namespace Platform.Api.Analytics.Graph;

public sealed class FinanceBacklogGraphType : ObjectGraphType<FinanceBacklog>
{
    public FinanceBacklogGraphType()
    {
        Name = "FinanceBacklog";
        Field(b => b.PendingRefunds).Description("Purchases with a refund asked for and not yet confirmed or refused by the provider.");
        Field(b => b.OpenDisputes).Description("Purchases with a dispute not yet closed.");
        Field(b => b.PayoutsInTransit);
    }
}
