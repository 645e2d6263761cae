using GraphQL.Types;

namespace Platform.Api.Cluster.Graph;

public sealed class NodeWorkGraphType : ObjectGraphType<NodeWork>
{
    public NodeWorkGraphType()
    {
        Name = "NodeWork";
        Description = "One API node and the work it runs, as Wolverine records it in the database.";
        Field(n => n.Node).Description("The node's number in this cluster.");
        Field(n => n.Leader).Description("Whether it leads: the leader assigns the async projections and subscriptions to the live nodes.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("agents")
            .Description("What it runs: 'leader', one '<projection or subscription>/all' each, 'wolverinedb' for the agent that recovers the inbox, outbox and scheduled messages.")
            .Resolve(c => c.Source.Agents);
        Field(n => n.LastHeartbeat, nullable: true)
            .Description("Its last heartbeat; a killed node stays listed until the leader finds this stale and removes it.");
    }
}
