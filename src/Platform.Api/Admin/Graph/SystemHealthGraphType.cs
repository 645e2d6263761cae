using GraphQL.Types;
using Platform.Api.Cluster.Graph;

namespace Platform.Api.Admin.Graph;

public sealed class SystemHealthGraphType : ObjectGraphType<SystemHealth>
{
    public SystemHealthGraphType()
    {
        Name = "SystemHealth";
        Field(h => h.HighWaterMark).Description("The event sequence up to which every transaction has committed: async projections work towards it.");
        Field(h => h.HeadSequence).Description("The newest event's sequence; above the high-water mark while a gap is held open.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProjectionHealthGraphType>>>>("projections").Resolve(c => c.Source.Projections);
        Field<NonNullGraphType<QueueDepthsGraphType>>("queues").Resolve(c => c.Source.Queues);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeadLetterGraphType>>>>("deadLetters")
            .Description($"The newest {SystemHealthQuery.MaxDeadLetters} dead letters; queues.deadLetters counts them all.").Resolve(c => c.Source.DeadLetters);
        Field<ReconciliationRunGraphType>("lastReconciliation").Description("The latest ledger reconciliation run; null before the first.")
            .Resolve(c => c.Source.LastReconciliation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NodeWorkGraphType>>>>("nodes")
            .Description("Every API node with a heartbeat row, by number: whether it leads and which async projections and agents it runs.")
            .Resolve(c => c.Source.Nodes);
    }
}
