using GraphQL.Types;

namespace Platform.Api.Admin.Graph;

public sealed class QueueDepthsGraphType : ObjectGraphType<QueueDepths>
{
    public QueueDepthsGraphType()
    {
        Name = "QueueDepths";
        Description = "Envelopes in Wolverine's durable storage, across every node.";
        Field(q => q.Incoming).Description("Received and not yet handled.");
        Field(q => q.Scheduled).Description("Waiting for their time.");
        Field(q => q.Outgoing).Description("In the outbox, not yet sent.");
        Field(q => q.DeadLetters);
    }
}
