using Platform.Api.Commerce.Graph;
using GraphQL.Types;
using Platform.Api.Commerce;

namespace Platform.Api.Analytics.Graph;

public sealed class FeePolicyPreviewGraphType : ObjectGraphType<FeePolicyPreview>
{
    public FeePolicyPreviewGraphType()
    {
        Name = "FeePolicyPreview";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(p => p.CurrentPercent);
        Field(p => p.ProposedPercent);
        Field(p => p.EffectiveAt);
        Field(p => p.From).Description("Sales paid from this moment...");
        Field(p => p.To).Description("...until now were replayed.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeePreviewTotalsGraphType>>>>("totals").Description("One row per currency.").Resolve(c => c.Source.Totals);
    }
}

public sealed class FeePreviewTotalsGraphType : ObjectGraphType<FeePreviewTotals>
{
    public FeePreviewTotalsGraphType()
    {
        Name = "FeePreviewTotals";
        Field(t => t.Currency);
        Field(t => t.Sales);
        Field<NonNullGraphType<MoneyGraphType>>("gross").Resolve(c => c.Source.Gross);
        Field<NonNullGraphType<MoneyGraphType>>("takenBack").Description("Refunded or lost in disputes.").Resolve(c => c.Source.TakenBack);
        Field<NonNullGraphType<MoneyGraphType>>("platformFee").Description("What the platform kept, as charged.").Resolve(c => c.Source.PlatformFee);
        Field<NonNullGraphType<MoneyGraphType>>("proposedPlatformFee").Resolve(c => c.Source.ProposedPlatformFee);
        Field<NonNullGraphType<MoneyGraphType>>("creatorShare").Description("What the creator kept, as charged.").Resolve(c => c.Source.CreatorShare);
        Field<NonNullGraphType<MoneyGraphType>>("proposedCreatorShare").Resolve(c => c.Source.ProposedCreatorShare);
        Field<NonNullGraphType<MoneyGraphType>>("platformFeeDifference").Resolve(c => c.Source.PlatformFeeDifference);
        Field<NonNullGraphType<MoneyGraphType>>("creatorShareDifference").Resolve(c => c.Source.CreatorShareDifference);
    }
}
