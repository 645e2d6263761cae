using GraphQL.Types;

namespace Platform.Api.Admin.Graph;

public sealed class DeadLetterGraphType : ObjectGraphType<DeadLetter>
{
    public DeadLetterGraphType()
    {
        Name = "DeadLetter";
        Description = "A message whose handler failed for good.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(d => d.MessageType);
        Field(d => d.ExceptionType);
        Field(d => d.ExceptionMessage);
        Field(d => d.ReceivedAt).Description("The queue it failed in.");
        Field(d => d.SentAt, nullable: true);
        Field(d => d.Replayable).Description("Marked for replay: Wolverine moves it back to its queue within seconds.");
    }
}
