using GraphQL.Types;
using Platform.Projections.Analytics;

namespace Platform.Api.Analytics.Graph;

public sealed class FeePolicyGraphType : ObjectGraphType<FeePolicyState>
{
    public FeePolicyGraphType()
    {
        Name = "FeePolicy";
        Field<NonNullGraphType<IdGraphType>>("communityId").Resolve(c => c.Source.CommunityId);
        Field(p => p.PercentInForce).Description("The fee a checkout started now fixes.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeePolicyVersionGraphType>>>>("versions").Resolve(c => c.Source.Versions);
    }
}

public sealed class FeePolicyVersionGraphType : ObjectGraphType<FeePolicyVersion>
{
    public FeePolicyVersionGraphType()
    {
        Name = "FeePolicyVersion";
        Field(v => v.Percent);
        Field(v => v.EffectiveAt);
        Field<NonNullGraphType<IdGraphType>>("setBy").Resolve(c => c.Source.SetBy);
        Field(v => v.SetAt);
    }
}
