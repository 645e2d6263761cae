using GraphQL;
using GraphQL.Types;
using Marten;
using Platform.Api.GraphQL.Schema;
using Platform.Api.Identity;
using Platform.Contracts.Social;
using Platform.Projections.Social;

namespace Platform.Api.Social.Graph;

public sealed class FollowGraphType : ObjectGraphType<FollowView>
{
    public FollowGraphType()
    {
        Name = "Follow";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("followerId").Resolve(c => c.Source.FollowerId);
        Field<NonNullGraphType<IdGraphType>>("targetId").Resolve(c => c.Source.TargetId);
        Field<NonNullGraphType<EnumerationGraphType<FollowTarget>>>("targetKind").Resolve(c => c.Source.Target);
        Field(f => f.Active);
        Field(f => f.ChangedAt);
    }
}
